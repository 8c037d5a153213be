import type { VendorSecrets } from '../../../../shared/secrets/vendorSecrets.js';
import { salesforceRequest, signBasicJson, signGenericJson, signHubspot } from '../signers.js';
import { LENA, MARIA, PRIYA, SAM, TOM } from './cast.js';
import {
  ago,
  DAY,
  type DemoStep,
  firstSecret,
  HOUR,
  isoSeconds,
  MINUTE,
  type StoryContext,
} from './story.js';

/**
 * The CRM and commerce side of the story: HubSpot for Maria, Salesforce for Priya, Pipedrive
 * for Tom, and the web shop and billing system posting to the generic endpoint.
 */

const HUBSPOT_PORTAL = { portalId: 45123987, appId: 3120451 };
const HUBSPOT_USER = 'userId:61234987';

/** Each subscription of the HubSpot app has its own id; property changes subscribe per property. */
const SUBSCRIPTIONS = {
  'contact.creation': 2611001,
  'contact.propertyChange:firstname': 2611002,
  'contact.propertyChange:lastname': 2611003,
  'contact.propertyChange:email': 2611004,
  'contact.propertyChange:mobilephone': 2611005,
  'contact.propertyChange:lifecyclestage': 2611006,
  'company.creation': 2611010,
  'company.propertyChange:name': 2611011,
  'contact.associationChange': 2611020,
  'deal.creation': 2611030,
  'deal.propertyChange:dealstage': 2611031,
} as const;

/**
 * Events of HubSpot webhook batches (legacy contact/company/deal subscriptions). HubSpot's
 * `eventId`s grow across the app's deliveries, so one builder numbers the whole chapter.
 */
function hubspotEvents(firstEventId: number) {
  let eventId = firstEventId;
  return (subscription: keyof typeof SUBSCRIPTIONS, at: Date, fields: Record<string, unknown>) => {
    const [subscriptionType, propertyName] = subscription.split(':');
    eventId += 1;
    return {
      eventId,
      subscriptionId: SUBSCRIPTIONS[subscription],
      ...HUBSPOT_PORTAL,
      occurredAt: at.getTime(),
      subscriptionType,
      attemptNumber: 0,
      ...(propertyName ? { propertyName } : {}),
      ...fields,
    };
  };
}

/**
 * Maria: three days ago a rep created her and Acme in HubSpot; after she clicked the pricing
 * link in yesterday's email a deal was opened, and two hours ago it moved to qualified-to-buy.
 */
function mariaInHubspot({ stack, now }: StoryContext): DemoStep[] {
  const url = `${stack.baseUrl}/webhooks/crm/hubspot`;
  const secret = firstSecret(stack.secrets.HUBSPOT_CLIENT_SECRET);
  const { contactId, companyId, dealId } = MARIA.hubspot;
  const created = ago(now, 3 * DAY);
  const edited = ago(now, 3 * DAY, 40);
  const byRep = { changeSource: 'CRM_UI', sourceId: HUBSPOT_USER };
  const hubspotEvent = hubspotEvents(2104837500);
  const contactChange = (property: 'firstname' | 'lastname' | 'email' | 'mobilephone', value: string) =>
    hubspotEvent(`contact.propertyChange:${property}`, edited, {
      objectId: contactId,
      propertyValue: value,
      ...byRep,
    });
  const step = (label: string, at: Date, batch: unknown[]): DemoStep => ({
    label,
    path: '/webhooks/crm/hubspot',
    at,
    request: signHubspot(secret, 'POST', url, batch, now),
  });
  const dealOpened = ago(now, 24 * HOUR);
  const qualified = ago(now, 2 * HOUR);
  return [
    step('hubspot: Maria and Acme created, linked', created, [
      hubspotEvent('contact.creation', created, { objectId: contactId, changeFlag: 'CREATED', ...byRep }),
      contactChange('firstname', MARIA.firstName),
      contactChange('lastname', MARIA.lastName),
      contactChange('email', MARIA.email),
      contactChange('mobilephone', MARIA.phoneAsTyped),
      hubspotEvent('company.creation', created, { objectId: companyId, changeFlag: 'CREATED', ...byRep }),
      hubspotEvent('company.propertyChange:name', edited, {
        objectId: companyId,
        propertyValue: MARIA.company,
        ...byRep,
      }),
      hubspotEvent('contact.associationChange', edited, {
        changeSource: 'USER',
        associationType: 'CONTACT_TO_COMPANY',
        fromObjectId: contactId,
        toObjectId: companyId,
        associationRemoved: false,
        isPrimaryAssociation: true,
      }),
    ]),
    step('hubspot: deal for Acme created', dealOpened, [
      hubspotEvent('deal.creation', dealOpened, { objectId: dealId, changeFlag: 'CREATED', ...byRep }),
    ]),
    step('hubspot: deal moved to qualified-to-buy', qualified, [
      hubspotEvent('deal.propertyChange:dealstage', qualified, {
        objectId: dealId,
        propertyValue: 'qualifiedtobuy',
        ...byRep,
      }),
      hubspotEvent('contact.propertyChange:lifecyclestage', qualified, {
        objectId: contactId,
        propertyValue: 'salesqualifiedlead',
        changeSource: 'AUTOMATION_PLATFORM',
        sourceId: 'enrollmentId:118822004',
      }),
    ]),
  ];
}

/** Salesforce date-times have millisecond precision that is always `.000`. */
const salesforceTime = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, '.000Z');

const xmlText = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface SalesforceNotification {
  id: string;
  type: 'Contact' | 'Account' | 'Opportunity';
  fields: Record<string, string>;
}

/**
 * An Outbound Message as Salesforce posts it: SOAP, one workflow action, the record's selected
 * fields in alphabetical order under the `sf:` enterprise namespace.
 */
function outboundMessage(orgId: string, actionId: string, notifications: SalesforceNotification[]): string {
  const instance = `https://demo-company.my.salesforce.com/services/Soap`;
  const body = notifications
    .map(({ id, type, fields }) => {
      const values = Object.keys(fields)
        .sort()
        .map((name) => `     <sf:${name}>${xmlText(fields[name]!)}</sf:${name}>`)
        .join('\n');
      return [
        '   <Notification>',
        `    <Id>${id}</Id>`,
        `    <sObject xsi:type="sf:${type}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">`,
        values,
        '    </sObject>',
        '   </Notification>',
      ].join('\n');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${orgId}</OrganizationId>
   <ActionId>${actionId}</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>${instance}/c/61.0/${orgId.slice(0, 15)}</EnterpriseUrl>
   <PartnerUrl>${instance}/u/61.0/${orgId.slice(0, 15)}</PartnerUrl>
${body}
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>
`;
}

/**
 * The organization the local Salesforce is: the first allow-listed id, in its 15-character
 * form (valid for either form on the allow-list; Salesforce ids are 15 or 18 characters).
 */
function salesforceOrgId(secrets: VendorSecrets): string {
  return firstSecret(secrets.SALESFORCE_ORG_ID).slice(0, 15);
}

/**
 * Priya: on Salesforce since three days ago; after she asked for a quote by text an
 * opportunity was opened, and an hour ago it moved to Proposal/Price Quote.
 */
function priyaInSalesforce({ stack, now }: StoryContext): DemoStep[] {
  const org = salesforceOrgId(stack.secrets);
  const { contactId, accountId, opportunityId, ownerId } = PRIYA.salesforce;
  const contactAt = salesforceTime(ago(now, 3 * DAY, 300));
  const openedAt = salesforceTime(ago(now, 90 * MINUTE));
  const quotedAt = salesforceTime(ago(now, 60 * MINUTE));
  const opportunity = (lastModified: string, stage: string) => ({
    Id: opportunityId,
    AccountId: accountId,
    Amount: '24000',
    CreatedDate: openedAt,
    CurrencyIsoCode: 'USD',
    IsClosed: 'false',
    IsWon: 'false',
    LastModifiedDate: lastModified,
    Name: `${PRIYA.company} - Renewal 2027`,
    OwnerId: ownerId,
    StageName: stage,
  });
  return [
    {
      label: 'salesforce: contact Priya at Globex',
      path: '/webhooks/crm/salesforce',
      at: new Date(contactAt),
      request: salesforceRequest(
        outboundMessage(org, '04k5e000000QsTuAAK', [
          {
            id: '04l5e00000Dw8A1AAJ',
            type: 'Contact',
            fields: {
              Id: contactId,
              AccountId: accountId,
              Email: PRIYA.email,
              FirstName: PRIYA.firstName,
              LastModifiedDate: contactAt,
              LastName: PRIYA.lastName,
              MobilePhone: '(312) 555-0187',
              OwnerId: ownerId,
            },
          },
        ]),
      ),
    },
    {
      label: 'salesforce: renewal opportunity opened',
      path: '/webhooks/crm/salesforce',
      at: new Date(openedAt),
      request: salesforceRequest(
        outboundMessage(org, '04k5e000000QsTvAAK', [
          { id: '04l5e00000Dw8K7AAJ', type: 'Opportunity', fields: opportunity(openedAt, 'Qualification') },
        ]),
      ),
    },
    {
      label: 'salesforce: opportunity at Proposal/Price Quote',
      path: '/webhooks/crm/salesforce',
      at: new Date(quotedAt),
      request: salesforceRequest(
        outboundMessage(org, '04k5e000000QsTvAAK', [
          {
            id: '04l5e00000Dw8Q3AAJ',
            type: 'Opportunity',
            fields: opportunity(quotedAt, 'Proposal/Price Quote'),
          },
        ]),
      ),
    },
  ];
}

/** A Pipedrive webhooks v2 call: `meta` says what happened, `data` is the object now. */
function pipedriveWebhook(
  action: 'create' | 'change',
  entity: 'person' | 'deal' | 'activity',
  ids: { entityId: number; id: string; correlationId: string },
  at: Date,
  data: Record<string, unknown>,
) {
  const { userId, companyId } = TOM.pipedrive;
  return {
    meta: {
      action,
      entity,
      company_id: companyId,
      correlation_id: ids.correlationId,
      entity_id: String(ids.entityId),
      id: ids.id,
      is_bulk_edit: false,
      timestamp: at.toISOString(),
      type: 'general',
      user_id: String(userId),
      version: '2.0',
      webhook_id: '1092344',
      webhook_owner_id: String(userId),
      change_source: 'app',
      permitted_user_ids: [String(userId)],
      attempt: 1,
      host: 'demo-company.pipedrive.com',
    },
    data,
    previous: null,
  };
}

/**
 * Tom: in Pipedrive since two days ago; after his text asking for a demo, the rep opened a
 * deal and booked the meeting for tomorrow 15:00 UTC (10am in New York).
 */
function tomInPipedrive({ stack, now }: StoryContext): DemoStep[] {
  const { PIPEDRIVE_USERNAME: user = '', PIPEDRIVE_PASSWORD: password = '' } = stack.secrets;
  const { personId, orgId, dealId, activityId, userId } = TOM.pipedrive;
  const personAt = ago(now, 2 * DAY);
  const dealAt = ago(now, 165 * MINUTE);
  const meetingAt = ago(now, 160 * MINUTE);
  const tomorrow = new Date(now.getTime() + DAY).toISOString().slice(0, 10);
  const closeBy = new Date(now.getTime() + 30 * DAY).toISOString().slice(0, 10);
  const step = (label: string, at: Date, payload: unknown): DemoStep => ({
    label,
    path: '/webhooks/crm/pipedrive',
    at,
    request: signBasicJson(user, password, payload),
  });
  return [
    step(
      'pipedrive: person Tom at Initech created',
      personAt,
      pipedriveWebhook(
        'create',
        'person',
        {
          entityId: personId,
          id: 'c81d4e2a-6b3f-4a97-8e15-2f0b7d9c4a63',
          correlationId: '5e7a9c1b-3d2f-4e68-9a0b-7c1d3e5f7a92',
        },
        personAt,
        {
          id: personId,
          name: `${TOM.firstName} ${TOM.lastName}`,
          first_name: TOM.firstName,
          last_name: TOM.lastName,
          add_time: isoSeconds(personAt),
          update_time: isoSeconds(personAt),
          visible_to: '3',
          custom_fields: {},
          owner_id: userId,
          label_ids: [],
          org_id: orgId,
          is_deleted: false,
          picture_id: null,
          phones: [{ label: 'mobile', value: '+1 646 555 0134', primary: true }],
          emails: [{ label: 'work', value: TOM.email, primary: true }],
        },
      ),
    ),
    step(
      'pipedrive: demo deal for Initech created',
      dealAt,
      pipedriveWebhook(
        'create',
        'deal',
        {
          entityId: dealId,
          id: '3fa85f64-5717-4562-b3fc-2c963f66afa7',
          correlationId: '8b2d4f6a-0c1e-4a3b-9d5f-7e9a1c3b5d70',
        },
        dealAt,
        {
          id: dealId,
          title: `${TOM.company} - Platform pilot`,
          creator_user_id: userId,
          owner_id: userId,
          value: 9600,
          currency: 'USD',
          person_id: personId,
          org_id: orgId,
          pipeline_id: 1,
          stage_id: 2,
          status: 'open',
          add_time: isoSeconds(dealAt),
          update_time: isoSeconds(dealAt),
          stage_change_time: isoSeconds(dealAt),
          close_time: null,
          won_time: null,
          lost_time: null,
          expected_close_date: closeBy,
          probability: null,
          lost_reason: null,
          visible_to: '3',
          label_ids: [],
          origin: 'ManuallyCreated',
          origin_id: null,
          channel: null,
          channel_id: null,
          is_archived: false,
          archive_time: null,
          custom_fields: {},
        },
      ),
    ),
    step(
      'pipedrive: demo meeting booked',
      meetingAt,
      pipedriveWebhook(
        'create',
        'activity',
        {
          entityId: activityId,
          id: '9d0e2f41-7a63-4c58-b1e9-5f2a8c4d6e03',
          correlationId: '1a3c5e7f-9b2d-4f60-8e1a-3c5e7f9b2d41',
        },
        meetingAt,
        {
          id: activityId,
          subject: `Platform demo with ${TOM.firstName}`,
          type: 'meeting',
          owner_id: userId,
          creator_user_id: userId,
          is_deleted: false,
          add_time: isoSeconds(meetingAt),
          update_time: isoSeconds(meetingAt),
          deal_id: dealId,
          lead_id: null,
          person_id: personId,
          org_id: orgId,
          project_id: null,
          due_date: tomorrow,
          due_time: '15:00',
          duration: '00:30',
          busy: true,
          done: false,
          marked_as_done_time: null,
          location: null,
          participants: [{ person_id: personId, primary: true }],
          attendees: null,
          conference_meeting_client: null,
          conference_meeting_url: null,
          conference_meeting_id: null,
          public_description: null,
          priority: null,
          note: null,
        },
      ),
    ),
  ];
}

/**
 * The web shop reports Lena's order (with the email's discount code), and the billing system
 * reports Hooli's renewal after Sam's reminder: both post our generic envelope.
 */
function shopAndBilling({ stack, now }: StoryContext): DemoStep[] {
  const secret = firstSecret(stack.secrets.GENERIC_WEBHOOK_SECRET);
  const orderedAt = ago(now, 22 * HOUR);
  const renewedAt = ago(now, 40 * MINUTE);
  const { accountId, subscriptionId, invoiceId } = SAM.billing;
  return [
    {
      label: 'generic crm: Lena orders with SPRING15',
      path: '/webhooks/crm/generic',
      at: orderedAt,
      request: signGenericJson(
        secret,
        {
          events: [
            {
              id: 'ord_01JDB7Q2XN8M',
              type: 'order.placed',
              occurredAt: orderedAt.toISOString(),
              orderId: 'ord_01JDB7Q2XN8M',
              email: LENA.email,
              phone: LENA.phone,
              revenueMinor: 18900,
              marginMinor: 7180,
              discountMinor: 3335,
              discountCode: 'SPRING15',
              currency: 'USD',
            },
          ],
        },
        now,
      ),
    },
    {
      label: 'generic crm: Hooli invoice paid, renewed',
      path: '/webhooks/crm/generic',
      at: renewedAt,
      request: signGenericJson(
        secret,
        {
          events: [
            {
              id: `${invoiceId}:paid`,
              type: 'invoice.paid',
              occurredAt: renewedAt.toISOString(),
              invoiceId,
              subscriptionId,
              accountId,
              email: SAM.email,
              amountMinor: 1188000,
              currency: 'USD',
            },
            {
              id: `${subscriptionId}:renewed:${renewedAt.toISOString().slice(0, 10)}`,
              type: 'subscription.renewed',
              occurredAt: renewedAt.toISOString(),
              subscriptionId,
              accountId,
              email: SAM.email,
              arrMinor: 1188000,
              currency: 'USD',
            },
          ],
        },
        now,
      ),
    },
  ];
}

export function crmChapters(context: StoryContext): DemoStep[] {
  return [
    ...mariaInHubspot(context),
    ...priyaInSalesforce(context),
    ...tomInPipedrive(context),
    ...shopAndBilling(context),
  ];
}
