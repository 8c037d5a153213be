import type { ColumnBatch } from '../../lake/lakeColumns.js';
import { type TouchIndex, TouchIndexBuilder } from '../touchIndex.js';
import { type Identity, isBotClick, TOUCH_EVENT_KINDS } from './lakeInputs.js';

/** Numbers a few distinct strings (programs, campaigns, channels) so a touch stores ints. */
class Codes {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: unknown): number {
    if (typeof value !== 'string') return -1;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.names.length;
      this.names.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  name(code: number): string | null {
    return code < 0 ? null : this.names[code]!;
  }
}

const TOUCH_KINDS = ['send', 'click', 'reply'] as const;

/** What `attribution_credits` copies from the credited touch, for grouping. */
export interface TouchLabels {
  touchKind: (typeof TOUCH_KINDS)[number];
  channel: string | null;
  programId: string | null;
  kind: string | null;
  campaignId: string | null;
  workflowId: string | null;
  step: number | null;
}

/**
 * The touch pass: turns `events` rows that are touches (delivered sends, human clicks,
 * replies) into the core's TouchIndex, resolving each one's contact, and keeps each touch's
 * labels in columns of small ints by the order it was added (about 20 bytes a touch).
 */
export class TouchCollector {
  private readonly builder = new TouchIndexBuilder({ keepInputIndex: true });
  private readonly programs = new Codes();
  private readonly campaigns = new Codes();
  private readonly workflows = new Codes();
  private readonly small = new Codes(); // channel and kind values: sms, email, campaign, flow
  private labels = new Int32Array(1024 * 6);
  private count = 0;
  readonly skipped = { bot: 0, noIdentity: 0 };
  rows = 0;

  constructor(private readonly identity: Identity) {}

  get touches(): number {
    return this.count;
  }

  add(batch: ColumnBatch): void {
    const type = batch.column('type');
    const eventId = batch.column('event_id');
    const occurredAt = batch.column('occurred_at');
    const contactId = batch.column('contact_id');
    const accountId = batch.column('account_id');
    const phoneHash = batch.column('phone_hash');
    const emailHash = batch.column('email_hash');
    const channel = batch.column('channel');
    const program = batch.column('program_id');
    const kind = batch.column('kind');
    const campaign = batch.column('campaign_id');
    const workflow = batch.column('workflow_id');
    const step = batch.column('step');
    const message = batch.column('message_id');
    const attributes = batch.column('attributes');
    this.rows += batch.length;
    for (let i = 0; i < batch.length; i += 1) {
      const touchKind = TOUCH_EVENT_KINDS[type[i] as string];
      if (touchKind === undefined) continue;
      if (touchKind === 'click' && isBotClick(attributes[i])) {
        this.skipped.bot += 1;
        continue;
      }
      const contact = this.identity.contactOf(contactId[i], phoneHash[i], emailHash[i]);
      const account = typeof accountId[i] === 'string' ? (accountId[i] as string) : null;
      if (contact === null && account === null) {
        this.skipped.noIdentity += 1;
        continue;
      }
      const campaignId = typeof campaign[i] === 'string' ? (campaign[i] as string) : null;
      const workflowId = typeof workflow[i] === 'string' ? (workflow[i] as string) : null;
      const stepValue = typeof step[i] === 'number' ? (step[i] as number) : null;
      this.builder.add({
        touchEventId: eventId[i] as string,
        contactId: contact,
        accountId: account,
        kind: touchKind,
        at: occurredAt[i] as number,
        campaignId,
        workflowId,
        step: stepValue,
        messageId: typeof message[i] === 'string' ? (message[i] as string) : null,
        bot: false,
      });
      this.label(
        TOUCH_KINDS.indexOf(touchKind),
        this.small.code(channel[i]),
        this.programs.code(program[i]),
        this.small.code(kind[i]),
        this.campaigns.code(campaignId),
        this.workflows.code(workflowId),
        stepValue ?? -1,
      );
    }
  }

  /** The index over every touch added; contact → account from the CRM history. */
  build(): TouchIndex {
    return this.builder.build(this.identity.contactAccounts);
  }

  /** Labels of the touch added `inputIndex`-th. */
  labelsOf(inputIndex: number): TouchLabels {
    const at = inputIndex * 6;
    const l = this.labels;
    // The touch kind and step share one slot: kind in the low 2 bits.
    return {
      touchKind: TOUCH_KINDS[l[at]! & 3]!,
      channel: this.small.name(l[at + 1]!),
      programId: this.programs.name(l[at + 2]!),
      kind: this.small.name(l[at + 3]!),
      campaignId: this.campaigns.name(l[at + 4]!),
      workflowId: this.workflows.name(l[at + 5]!),
      step: l[at]! >> 2 < 0 ? null : l[at]! >> 2,
    };
  }

  private label(
    touchKind: number,
    channel: number,
    program: number,
    kind: number,
    campaign: number,
    workflow: number,
    step: number,
  ) {
    if ((this.count + 1) * 6 > this.labels.length) {
      const grown = new Int32Array(this.labels.length * 2);
      grown.set(this.labels);
      this.labels = grown;
    }
    const at = this.count * 6;
    const l = this.labels;
    l[at] = step * 4 + touchKind;
    l[at + 1] = channel;
    l[at + 2] = program;
    l[at + 3] = kind;
    l[at + 4] = campaign;
    l[at + 5] = workflow;
    this.count += 1;
  }
}
