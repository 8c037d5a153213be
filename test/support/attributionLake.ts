import { type CanonicalEvent, canonicalEvent, type EventDraft } from '../../events/index.js';
import { eventRow } from '../../shared/lake/export/rowsFor.js';
import type { ObjectStore } from '../../shared/lake/objectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import { eventsTable } from '../../shared/lake/tables/events.js';
import { mulberry32 } from './mulberry32.js';

/**
 * Fixture lakes for the attribution job: canonical events, built and validated as the
 * normalizers build them, exported by the real lake mapping (eventRow: phones and emails
 * hashed) and written by the real Parquet writer into arrival-day partitions.
 */
export const SALT = 'attribution-fixture-salt-0123456789';
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An event and when it reached us (its lake partition is that day). */
export interface Arrival {
  draft: EventDraft;
  /** @default the event's occurredAt plus 5 seconds */
  receivedAt?: number;
}

/** Writes the events into `store`'s `events` table, one partition per arrival day. */
export async function writeEventsLake(
  store: ObjectStore,
  arrivals: readonly Arrival[],
): Promise<CanonicalEvent[]> {
  const events = arrivals.map(({ draft, receivedAt }) =>
    canonicalEvent(draft, new Date(receivedAt ?? Date.parse(draft.occurredAt) + 5_000)),
  );
  const byDay = new Map<string, Record<string, unknown>[]>();
  for (const event of events) {
    const day = event.receivedAt.slice(0, 10);
    const rows = byDay.get(day) ?? [];
    rows.push(eventRow(event, SALT));
    byDay.set(day, rows);
  }
  for (const [day, rows] of byDay) await replacePartition(store, eventsTable, day, rows, 'fixture');
  return events;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Small builders for the drafts a story needs; `ref` makes each vendorRef (and so event id) unique. */
export class Story {
  readonly arrivals: Arrival[] = [];
  private serial = 0;

  private ref(prefix: string) {
    this.serial += 1;
    return `${prefix}-${String(this.serial).padStart(6, '0')}`;
  }

  private push(draft: EventDraft, receivedAt?: number): string {
    this.arrivals.push({ draft, receivedAt });
    return draft.vendorRef;
  }

  contact(
    at: number,
    fields: { contactId: string; phone?: string; email?: string; accountId?: string },
    receivedAt?: number,
  ) {
    return this.push(
      {
        type: 'crm.contact.upserted',
        source: 'hubspot',
        vendorRef: this.ref('contact'),
        occurredAt: iso(at),
        ...fields,
      },
      receivedAt,
    );
  }

  /** A delivered SMS (or email) and, optionally, clicks on it; returns the message id. */
  delivered(
    at: number,
    who: { phone?: string; email?: string; contactId?: string; accountId?: string },
    touch: {
      channel?: 'sms' | 'email';
      programId?: string;
      campaignId?: string;
      workflowId?: string;
      step?: number;
    },
    options: { messageId?: string; receivedAt?: number } = {},
  ): string {
    const messageId = options.messageId ?? this.ref('msg');
    const channel = touch.channel ?? 'sms';
    const kind = touch.campaignId ? ('campaign' as const) : touch.workflowId ? ('flow' as const) : undefined;
    const common = {
      occurredAt: iso(at),
      messageId,
      programId: touch.programId,
      kind,
      campaignId: touch.campaignId,
    };
    const flow = { workflowId: touch.workflowId, step: touch.step };
    if (channel === 'email') {
      this.push(
        {
          type: 'email.delivered',
          source: 'sendgrid',
          vendorRef: this.ref('em'),
          channel: 'email',
          email: who.email,
          contactId: who.contactId,
          accountId: who.accountId,
          ...common,
          ...flow,
        },
        options.receivedAt,
      );
    } else {
      this.push(
        {
          type: 'message.delivered',
          source: 'twilio',
          vendorRef: this.ref('dlr'),
          channel: 'sms',
          to: who.phone ?? '+14155550000',
          phone: who.phone,
          contactId: who.contactId,
          accountId: who.accountId,
          ...common,
          ...flow,
        },
        options.receivedAt,
      );
    }
    return messageId;
  }

  click(
    at: number,
    messageId: string,
    who: { phone?: string; email?: string; contactId?: string; accountId?: string },
    touch: {
      channel?: 'sms' | 'email';
      programId?: string;
      campaignId?: string;
      workflowId?: string;
      step?: number;
    },
    options: { bot?: boolean; receivedAt?: number } = {},
  ) {
    const channel = touch.channel ?? 'sms';
    const kind = touch.campaignId ? ('campaign' as const) : touch.workflowId ? ('flow' as const) : undefined;
    const common = {
      occurredAt: iso(at),
      messageId,
      programId: touch.programId,
      kind,
      campaignId: touch.campaignId,
      workflowId: touch.workflowId,
      step: touch.step,
      contactId: who.contactId,
      accountId: who.accountId,
      bot: options.bot ?? false,
    };
    if (channel === 'email') {
      return this.push(
        {
          type: 'email.clicked',
          source: 'sendgrid',
          vendorRef: this.ref('ec'),
          channel: 'email',
          email: who.email,
          destination: 'https://shop.example.com/spring',
          ...common,
        },
        options.receivedAt,
      );
    }
    return this.push(
      {
        type: 'message.clicked',
        source: 'internal',
        vendorRef: this.ref('clk'),
        channel: 'sms',
        phone: who.phone,
        linkCode: 'k7Qx2a',
        destination: 'https://shop.example.com/spring',
        ...common,
      },
      options.receivedAt,
    );
  }

  reply(at: number, who: { phone: string; contactId?: string }, receivedAt?: number) {
    return this.push(
      {
        type: 'message.received',
        source: 'twilio',
        vendorRef: this.ref('mo'),
        occurredAt: iso(at),
        channel: 'sms',
        messageId: this.ref('SM'),
        from: who.phone,
        phone: who.phone,
        contactId: who.contactId,
        to: '+14155550199',
        body: 'Sounds good, can we talk tomorrow?',
      },
      receivedAt,
    );
  }

  lead(at: number, contactId: string, receivedAt?: number) {
    return this.push(
      {
        type: 'lead.qualified',
        source: 'hubspot',
        vendorRef: this.ref('lead'),
        occurredAt: iso(at),
        contactId,
        fromStage: 'lead',
        toStage: 'salesqualifiedlead',
      },
      receivedAt,
    );
  }

  opportunity(
    at: number,
    stage: 'created' | 'stage_changed' | 'won' | 'lost',
    fields: {
      opportunityId: string;
      accountId?: string;
      contactId?: string;
      amountMinor?: number;
      currency?: string;
    },
    receivedAt?: number,
  ) {
    const common = {
      source: 'salesforce' as const,
      vendorRef: this.ref('opp'),
      occurredAt: iso(at),
      ...fields,
    };
    const draft: EventDraft =
      stage === 'created'
        ? { ...common, type: 'opportunity.created', stage: 'Qualification' }
        : stage === 'stage_changed'
          ? { ...common, type: 'opportunity.stage_changed', fromStage: 'Qualification', toStage: 'Proposal' }
          : {
              ...common,
              type: 'opportunity.closed',
              outcome: stage,
              stage: stage === 'won' ? 'Closed Won' : 'Closed Lost',
            };
    return this.push(draft, receivedAt);
  }

  meeting(
    at: number,
    booked: boolean,
    fields: { contactId?: string; phone?: string; opportunityId?: string },
  ) {
    return this.push({
      type: booked ? 'meeting.booked' : 'meeting.attended',
      source: 'hubspot',
      vendorRef: this.ref('mtg'),
      occurredAt: iso(at),
      meetingId: this.ref('meeting'),
      ...fields,
    });
  }

  order(
    at: number,
    who: { phone?: string; email?: string; contactId?: string },
    revenueMinor: number,
    currency: string,
  ) {
    return this.push({
      type: 'order.placed',
      source: 'generic',
      vendorRef: this.ref('ord'),
      occurredAt: iso(at),
      orderId: this.ref('order'),
      revenueMinor,
      currency,
      ...who,
    });
  }

  subscription(
    at: number,
    kind: 'renewed' | 'expanded',
    fields: {
      accountId?: string;
      contactId?: string;
      arrMinor?: number;
      deltaArrMinor?: number;
      currency: string;
    },
  ) {
    const common = {
      source: 'generic' as const,
      vendorRef: this.ref('sub'),
      occurredAt: iso(at),
      subscriptionId: this.ref('subscription'),
      accountId: fields.accountId,
      contactId: fields.contactId,
      arrMinor: fields.arrMinor,
      currency: fields.currency,
    };
    return this.push(
      kind === 'renewed'
        ? { ...common, type: 'subscription.renewed' }
        : { ...common, type: 'subscription.expanded', deltaArrMinor: fields.deltaArrMinor ?? 0 },
    );
  }
}

/** The last outcome day of `randomStory` lakes, and their first. */
export const RANDOM_TO = '2026-03-10';
export const RANDOM_FROM = '2026-03-01';
const END = Date.parse(`${RANDOM_TO}T00:00:00Z`) + DAY;

/**
 * A dense random lake over few contacts and accounts, so every rule meets its edge cases:
 * times on a coarse grid (ties, touches exactly on a window's edge: windows are whole days),
 * repeated clicks on one message, bot clicks, campaign bursts, workflow steps, phone-only and
 * email-only identities, contacts that change phone or account, account fan-in, opportunities
 * created long before they close, late arrivals and vendor clocks ahead of ours, multi-currency
 * amounts, negative expansions.
 */
export function randomStory(seed: number, size = 400): Story {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const story = new Story();
  const contacts = Array.from({ length: 12 }, (_, c) => ({
    contactId: `c${c}`,
    phone: `+1415555${String(1000 + c).padStart(4, '0')}`,
    email: `person${c}@example.com`,
    accountId: `a${c % 4}`,
  }));
  // Times: 150 days back from the end, on a 6-hour grid, sometimes exactly N days before an anchor.
  const anchor = () => END - Math.floor(next() * 12) * DAY - Math.floor(next() * 4) * 6 * HOUR;
  const time = () =>
    next() < 0.3 ? anchor() - pick([1, 7, 14, 30, 90]) * DAY : END - Math.floor(next() * 150 * 4) * 6 * HOUR;
  const arrival = (at: number) =>
    next() < 0.1 ? at + Math.floor(next() * 4) * DAY : next() < 0.05 ? at - 2 * HOUR : undefined;
  const campaigns = ['spring', 'summer', undefined];
  // The CRM: most contacts known by phone and email; some change phone or account later.
  for (const c of contacts) {
    story.contact(END - 200 * DAY, {
      contactId: c.contactId,
      phone: c.phone,
      email: next() < 0.8 ? c.email : undefined,
      accountId: next() < 0.8 ? c.accountId : undefined,
    });
    if (next() < 0.2)
      story.contact(END - 50 * DAY, {
        contactId: c.contactId,
        accountId: `a${(Number(c.contactId.slice(1)) + 1) % 4}`,
      });
  }
  // Shared phones and emails (a household, a front desk): two upserts name one number, at the
  // same instant (the event id decides) or later (the later one does).
  for (let k = 0; k < 4; k += 1) {
    const [a, b] = [pick(contacts), pick(contacts)];
    const when = next() < 0.5 ? END - 200 * DAY : END - 40 * DAY;
    story.contact(when, { contactId: b.contactId, phone: a.phone });
    story.contact(when, { contactId: a.contactId, email: b.email });
  }
  const opportunities: { id: string; accountId: string; created: number }[] = [];
  for (let i = 0; i < size; i += 1) {
    const c = pick(contacts);
    const roll = next();
    // Touches spread over the 150 days; outcomes mostly on the run's days.
    const at = roll >= 0.45 && next() < 0.8 ? anchor() : time();
    const who = {
      phone: next() < 0.8 ? c.phone : undefined,
      email: next() < 0.5 ? c.email : undefined,
      contactId: next() < 0.3 ? c.contactId : undefined,
      accountId: next() < 0.1 ? c.accountId : undefined,
    };
    const campaignId = pick(campaigns);
    const touch = {
      channel: next() < 0.7 ? ('sms' as const) : ('email' as const),
      programId: pick(['growth', 'renewals']),
      campaignId,
      workflowId: campaignId ? undefined : pick(['wf-a', 'wf-b', undefined]),
      step: campaignId ? undefined : pick([0, 1, undefined]),
    };
    if (roll < 0.35) {
      const messageId = story.delivered(
        at,
        touch.channel === 'sms' ? { ...who, phone: c.phone } : { ...who, email: c.email },
        touch,
        {
          receivedAt: arrival(at),
        },
      );
      const clicks = Math.floor(next() * 3);
      for (let k = 0; k < clicks; k += 1) {
        const clickAt = at + pick([0, 1, 6, 30]) * HOUR;
        // Some senders give every recipient of a batch one message id.
        const clicked = next() < 0.2 ? `batch-${campaignId ?? 'none'}` : messageId;
        story.click(
          clickAt,
          clicked,
          touch.channel === 'sms' ? { ...who, phone: c.phone } : { ...who, email: c.email },
          touch,
          {
            bot: next() < 0.15,
            receivedAt: arrival(clickAt),
          },
        );
      }
    } else if (roll < 0.45) {
      story.reply(at, { phone: c.phone, contactId: who.contactId }, arrival(at));
    } else if (roll < 0.5) {
      story.lead(at, c.contactId, arrival(at));
    } else if (roll < 0.62) {
      const opportunityId = `opp${opportunities.length}`;
      const created = at - pick([0, 5, 40, 120]) * DAY;
      const fields = {
        opportunityId,
        accountId: next() < 0.8 ? c.accountId : undefined,
        contactId: next() < 0.5 ? c.contactId : undefined,
      };
      const amount =
        next() < 0.8
          ? { amountMinor: Math.floor(next() * 5_000_000) + 1, currency: pick(['USD', 'EUR', 'JPY']) }
          : {};
      story.opportunity(created, 'created', { ...fields, ...amount });
      opportunities.push({ id: opportunityId, accountId: c.accountId, created });
      if (next() < 0.6)
        story.opportunity(Math.max(created, at - 2 * DAY), 'stage_changed', { ...fields, ...amount });
      if (next() < 0.7)
        story.opportunity(at, next() < 0.7 ? 'won' : 'lost', { ...fields, ...amount }, arrival(at));
    } else if (roll < 0.72) {
      story.meeting(at, next() < 0.6, {
        contactId: next() < 0.7 ? c.contactId : undefined,
        phone: c.phone,
        opportunityId: opportunities.length > 0 && next() < 0.5 ? pick(opportunities).id : undefined,
      });
    } else if (roll < 0.9) {
      story.order(
        at,
        { phone: next() < 0.6 ? c.phone : undefined, email: next() < 0.5 ? c.email : undefined },
        Math.floor(next() * 90_000) + 1,
        pick(['USD', 'EUR', 'JPY', 'KWD']),
      );
    } else {
      const expanded = next() < 0.5;
      story.subscription(at, expanded ? 'expanded' : 'renewed', {
        accountId: next() < 0.7 ? c.accountId : undefined,
        contactId: next() < 0.5 ? c.contactId : undefined,
        arrMinor: next() < 0.8 ? Math.floor(next() * 10_000_000) : undefined,
        deltaArrMinor: Math.floor(next() * 2_000_000) - 500_000,
        currency: pick(['USD', 'EUR']),
      });
    }
  }
  return story;
}
