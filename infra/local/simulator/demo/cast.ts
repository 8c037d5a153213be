/**
 * Who the demo story is about: five contacts at five customer accounts, each reached through
 * a different mix of vendors, plus the numbers we send from. Phone numbers are in the 555-01xx
 * range reserved for fiction; domains are under `.example.com`.
 */

/** Our sending numbers, one per SMS vendor, as a company migrating between vendors would have. */
export const OUR_NUMBERS = {
  twilio: '+14155550199',
  telnyx: '+13125550100',
  vonage: '+12015550100',
  plivo: '+16175550100',
  bandwidth: '+12065550100',
} as const;

/** Where tracked links and the shop live. */
export const SHOP_URL = 'https://shop.example.com';

/** Maria at Acme: HubSpot CRM, a SendGrid email, then an SMS campaign via Twilio she answers. */
export const MARIA = {
  firstName: 'Maria',
  lastName: 'Lopez',
  phone: '+14155550123',
  /** As a rep typed it into HubSpot. */
  phoneAsTyped: '(415) 555-0123',
  email: 'maria.lopez@acme.example.com',
  company: 'Acme Corp',
  hubspot: { contactId: 51744203311, companyId: 27801193562, dealId: 18412099733, ownerId: '81729364' },
} as const;

/** Priya at Globex: Salesforce CRM, a renewal flow via Telnyx she replies to. */
export const PRIYA = {
  firstName: 'Priya',
  lastName: 'Shah',
  phone: '+13125550187',
  email: 'priya.shah@globex.example.com',
  company: 'Globex',
  salesforce: {
    contactId: '0035e00000Yb3cDAAR',
    accountId: '0015e00000RnU4wAAF',
    opportunityId: '0065e00000Jm5ZcAAJ',
    ownerId: '0055e000004kLpDAAU',
  },
} as const;

/** Tom at Initech: Pipedrive CRM, a webinar invite via Vonage that turns into a meeting. */
export const TOM = {
  firstName: 'Tom',
  lastName: 'Becker',
  phone: '+16465550134',
  email: 'tom.becker@initech.example.com',
  company: 'Initech',
  pipedrive: {
    companyId: '13387254',
    personId: 9204,
    orgId: 3310,
    dealId: 1517,
    activityId: 31022,
    userId: 22014588,
  },
} as const;

/** Lena at Umbrella: an email via a generic ESP, a web-shop order, then a thank-you text via Plivo. */
export const LENA = {
  firstName: 'Lena',
  lastName: 'Novak',
  phone: '+16175550166',
  email: 'lena.novak@umbrella.example.com',
  company: 'Umbrella',
} as const;

/** Sam at Hooli: a renewal reminder via Bandwidth, then the billing system's renewal. */
export const SAM = {
  firstName: 'Sam',
  lastName: 'Okafor',
  phone: '+12065550158',
  email: 'sam.okafor@hooli.example.com',
  company: 'Hooli',
  billing: { accountId: 'acct_Hooli', subscriptionId: 'sub_1QhR7tKxGm2B', invoiceId: 'in_1QhS2aKxGm2B' },
} as const;
