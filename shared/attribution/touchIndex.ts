import { AttributionInputError, type Touch } from './model.js';
import { StringArena } from './stringArena.js';
import { StringInterner } from './stringInterner.js';
import { radixSortByKey, type Sorted, timeOrder } from './timeOrder.js';

export const KIND_SEND = 0;
export const KIND_CLICK = 1;
export const KIND_REPLY = 2;
export const KIND_NAMES = ['send', 'click', 'reply'] as const;

/** The fields of a touch the index reads; lake rows with nulls fit as they are. */
export type TouchRow = Pick<
  Touch,
  | 'touchEventId'
  | 'contactId'
  | 'accountId'
  | 'kind'
  | 'at'
  | 'campaignId'
  | 'workflowId'
  | 'step'
  | 'messageId'
  | 'bot'
>;

/** Finds the number a contact or account id was given (undefined: no touch has it). */
export interface KeyLookup {
  get(key: string): number | undefined;
}

/** Contact id -> account id, from the CRM (latest crm.contact.upserted per contact). */
export type ContactAccounts = ReadonlyMap<string, string>;

/**
 * Touches laid out for attribution: columns (typed arrays, no object per touch) in
 * contact-major order, each contact's touches in canonical order (time, then id), plus a
 * second ordering by account for account-level fan-in. Finding an outcome's window is one
 * hash lookup and one binary search; the window is then a contiguous slice.
 */
export interface TouchIndex {
  /** Touches kept (bots and touches with neither contact nor account are dropped on add). */
  readonly size: number;
  /** The touch event id at a position. */
  touchEventId(position: number): string;
  /** By position: time (ms), kind code, campaign key (-1: none). */
  readonly at: Float64Array;
  readonly kind: Uint8Array;
  readonly campaign: Int32Array;
  readonly campaignKeys: number;
  readonly contactIndex: KeyLookup;
  /** Positions of contact c: contactStart[c] .. contactStart[c + 1] - 1. */
  readonly contactStart: Int32Array;
  /** By position: position of the previous click on the same message of the same contact, or -1. */
  readonly contactPrevClick: Int32Array;
  readonly accountIndex: KeyLookup;
  /** Slots of account a: accountStart[a] .. accountStart[a + 1] - 1; accountOrder[slot] is a position. */
  readonly accountStart: Int32Array;
  readonly accountOrder: Int32Array;
  /** By slot: slot of the previous click on the same message of the same contact, or -1. */
  readonly accountPrevClick: Int32Array;
  readonly contactAccounts: ContactAccounts;
  /** By position: index of the touch in the order it was added (kept only when asked for). */
  readonly inputIndex: Int32Array | null;
  readonly skipped: { bot: number; noIdentity: number };
}

const INITIAL_CAPACITY = 1024;
const PENDING_BATCH = 512;

/**
 * Streams touches into a TouchIndex: `add` each row as it is read (the row object can be
 * dropped right after), then `build` once. Memory: about 40 bytes per touch plus its id's bytes
 * (kept outside the JS heap, see StringArena), twice that while `build` runs.
 */
export class TouchIndexBuilder {
  private count = 0;
  private capacity: number;
  private ids: StringArena;
  private messages = new StringArena();
  /** By slot: the clicked message's number in `messages`, or -1. */
  private message: Int32Array;
  private at: Float64Array;
  private kind: Uint8Array;
  private contact: Int32Array;
  private account: Int32Array;
  private campaign: Int32Array;
  private inputIndex: Int32Array | null;
  private added = 0;
  private built = false;
  private readonly contacts: StringInterner;
  private readonly accounts = new StringInterner();
  private readonly campaigns = new Map<string, number>();
  private readonly workflows = new Map<string, Map<number, number>>();
  private campaignKeys = 0;
  /** Contact and account ids of the rows added since the last flush, interned a batch at a time. */
  private readonly pendingContacts: (string | null | undefined)[] = new Array(PENDING_BATCH);
  private readonly pendingAccounts: (string | null | undefined)[] = new Array(PENDING_BATCH);
  private pending = 0;
  private readonly skipped = { bot: 0, noIdentity: 0 };

  constructor(options: { expectedTouches?: number; keepInputIndex?: boolean } = {}) {
    this.capacity = Math.max(INITIAL_CAPACITY, options.expectedTouches ?? 0);
    this.at = new Float64Array(this.capacity);
    this.kind = new Uint8Array(this.capacity);
    this.contact = new Int32Array(this.capacity);
    this.account = new Int32Array(this.capacity);
    this.campaign = new Int32Array(this.capacity);
    this.message = new Int32Array(this.capacity);
    this.inputIndex = options.keepInputIndex ? new Int32Array(this.capacity) : null;
    this.ids = new StringArena(this.capacity, 36);
    this.contacts = new StringInterner(Math.ceil(this.capacity / 8));
  }

  add(touch: TouchRow): void {
    const inputIndex = this.added;
    this.added += 1;
    if (touch.bot === true) {
      this.skipped.bot += 1;
      return;
    }
    if (touch.contactId == null && touch.accountId == null) {
      this.skipped.noIdentity += 1;
      return;
    }
    if (!Number.isSafeInteger(touch.at) || touch.at < 0) {
      throw new AttributionInputError(`touch ${touch.touchEventId}: at must be integer epoch milliseconds`);
    }
    const kind = kindCode(touch);
    if (this.count === this.capacity) this.grow();
    const i = this.count;
    this.count += 1;
    this.ids.push(touch.touchEventId);
    this.at[i] = touch.at;
    this.kind[i] = kind;
    this.pendingContacts[this.pending] = touch.contactId;
    this.pendingAccounts[this.pending] = touch.accountId;
    this.pending += 1;
    if (this.pending === PENDING_BATCH) this.flush();
    this.campaign[i] = this.campaignKey(touch);
    this.message[i] =
      kind === KIND_CLICK && touch.messageId != null ? this.messages.push(touch.messageId) : -1;
    if (this.inputIndex) this.inputIndex[i] = inputIndex;
  }

  build(contactAccounts: ContactAccounts = new Map()): TouchIndex {
    if (this.built) throw new Error('TouchIndexBuilder.build() may only be called once');
    this.built = true;
    this.flush();
    const n = this.count;
    const ids = this.ids;
    ids.trim();

    // Canonical order (time, then id), then the same rows regrouped by contact and by account:
    // stable radix passes keep the canonical order inside each group.
    const byTime = timeOrder(this.at, n, (a, b) => ids.compare(a, b));
    const contactCount = this.contacts.size;
    // Touches without a contact go to one extra group after the last contact.
    const contactGroup = this.contact.subarray(0, n).map((c) => (c < 0 ? contactCount : c));
    const byContact = this.groupBy(byTime, contactCount, contactGroup);
    const account = this.resolveAccounts(contactAccounts);
    const accountCount = this.accounts.size;
    const byAccount = this.groupBy(byTime, accountCount - 1, account);

    // Columns in contact-major order: position k holds input row byContact.order[k].
    const slot = byContact.order;
    const position = new Int32Array(n);
    const at = new Float64Array(n);
    const kind = new Uint8Array(n);
    const campaign = new Int32Array(n);
    const inputIndex = this.inputIndex ? new Int32Array(n) : null;
    for (let k = 0; k < n; k += 1) {
      const i = slot[k]!;
      position[i] = k;
      at[k] = this.at[i]!;
      kind[k] = this.kind[i]!;
      campaign[k] = this.campaign[i]!;
      if (inputIndex) inputIndex[k] = this.inputIndex![i]!;
    }
    const accountOrder = byAccount.order;
    for (let s = 0; s < accountOrder.length; s += 1) accountOrder[s] = position[accountOrder[s]!]!;
    const contactStart = groupStarts(byContact.key, contactCount + 1);
    const contactPrevClick = previousContactClicks(
      contactStart,
      contactCount + 1,
      kind,
      slot,
      this.message,
      this.messages,
    );
    const accountPrevClick = previousAccountClicks(accountOrder, slot, account, contactPrevClick);
    this.release();
    return {
      size: n,
      touchEventId: (k: number) => ids.get(slot[k]!),
      at,
      kind,
      campaign,
      campaignKeys: this.campaignKeys,
      contactIndex: this.contacts,
      contactStart,
      contactPrevClick,
      accountIndex: this.accounts,
      accountStart: groupStarts(byAccount.key, accountCount),
      accountOrder,
      accountPrevClick,
      contactAccounts,
      inputIndex,
      skipped: { ...this.skipped },
    };
  }

  /** The rows of `byTime` with a group ≥ 0, stably sorted by group (0..maxGroup). */
  private groupBy(byTime: Int32Array, maxGroup: number, group: Int32Array): Sorted {
    const order = new Int32Array(byTime.length);
    const key = new Float64Array(byTime.length);
    let kept = 0;
    for (let g = 0; g < byTime.length; g += 1) {
      const row = byTime[g]!;
      const value = group[row]!;
      if (value < 0) continue;
      order[kept] = row;
      key[kept] = value;
      kept += 1;
    }
    return radixSortByKey(order.subarray(0, kept), key.subarray(0, kept), Math.max(0, maxGroup));
  }

  /** By input row: the touch's own account, else its contact's account in the CRM map, else -1. */
  private resolveAccounts(contactAccounts: ContactAccounts): Int32Array {
    const names = this.contacts.names;
    const mapped = new Int32Array(names.length).fill(-1);
    // Walk the smaller side: the CRM map may list far more contacts than were touched.
    if (contactAccounts.size <= names.length) {
      const contactIds: string[] = [];
      const accountIds: string[] = [];
      const found = new Int32Array(PENDING_BATCH);
      const resolve = () => {
        this.contacts.lookupBatch(contactIds, contactIds.length, found);
        for (let j = 0; j < contactIds.length; j += 1) {
          if (found[j]! >= 0) mapped[found[j]!] = this.accounts.intern(accountIds[j]!);
        }
        contactIds.length = 0;
        accountIds.length = 0;
      };
      // forEach, not for…of: no [key, value] array per entry.
      contactAccounts.forEach((accountId, contactId) => {
        contactIds.push(contactId);
        accountIds.push(accountId);
        if (contactIds.length === PENDING_BATCH) resolve();
      });
      resolve();
    } else {
      for (let c = 0; c < names.length; c += 1) {
        const accountId = contactAccounts.get(names[c]!);
        if (accountId !== undefined) mapped[c] = this.accounts.intern(accountId);
      }
    }
    const account = new Int32Array(this.count);
    for (let i = 0; i < this.count; i += 1) {
      const own = this.account[i]!;
      const c = this.contact[i]!;
      account[i] = own >= 0 ? own : c >= 0 ? mapped[c]! : -1;
    }
    return account;
  }

  private flush(): void {
    const offset = this.count - this.pending;
    this.contacts.internBatch(this.pendingContacts, this.pending, this.contact, offset);
    this.accounts.internBatch(this.pendingAccounts, this.pending, this.account, offset);
    this.pending = 0;
  }

  /** A campaign is its campaignId; a flow touch's "campaign" is its workflow step. */
  private campaignKey(touch: TouchRow): number {
    if (touch.campaignId != null) {
      let key = this.campaigns.get(touch.campaignId);
      if (key === undefined) {
        key = this.campaignKeys++;
        this.campaigns.set(touch.campaignId, key);
      }
      return key;
    }
    if (touch.workflowId == null) return -1;
    let steps = this.workflows.get(touch.workflowId);
    if (steps === undefined) {
      steps = new Map();
      this.workflows.set(touch.workflowId, steps);
    }
    const step = touch.step ?? -1;
    let key = steps.get(step);
    if (key === undefined) {
      key = this.campaignKeys++;
      steps.set(step, key);
    }
    return key;
  }

  private grow(): void {
    this.capacity *= 2;
    this.at = resize(this.at, new Float64Array(this.capacity));
    this.kind = resize(this.kind, new Uint8Array(this.capacity));
    this.contact = resize(this.contact, new Int32Array(this.capacity));
    this.account = resize(this.account, new Int32Array(this.capacity));
    this.campaign = resize(this.campaign, new Int32Array(this.capacity));
    this.message = resize(this.message, new Int32Array(this.capacity));
    if (this.inputIndex) this.inputIndex = resize(this.inputIndex, new Int32Array(this.capacity));
  }

  /** The columns now live in the index; let the add-order copies go. */
  private release(): void {
    this.messages = new StringArena();
    this.message = new Int32Array(0);
    this.at = new Float64Array(0);
    this.kind = new Uint8Array(0);
    this.contact = new Int32Array(0);
    this.account = new Int32Array(0);
    this.campaign = new Int32Array(0);
    this.inputIndex = null;
  }
}

/** Indexes an array or any iterable of touches in one call. */
export function indexTouches(
  touches: Iterable<TouchRow>,
  contactAccounts?: ContactAccounts,
  options: { keepInputIndex?: boolean } = {},
): TouchIndex {
  const builder = new TouchIndexBuilder({
    expectedTouches: Array.isArray(touches) ? touches.length : undefined,
    keepInputIndex: options.keepInputIndex,
  });
  for (const touch of touches) builder.add(touch);
  return builder.build(contactAccounts);
}

function kindCode(touch: TouchRow): number {
  switch (touch.kind) {
    case 'send':
      return KIND_SEND;
    case 'click':
      return KIND_CLICK;
    case 'reply':
      return KIND_REPLY;
    default:
      throw new AttributionInputError(`touch ${touch.touchEventId}: unknown kind ${String(touch.kind)}`);
  }
}

function resize<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Group offsets from sorted group keys: rows of group g are starts[g] .. starts[g + 1] - 1. */
function groupStarts(sortedKeys: Float64Array, groups: number): Int32Array {
  const starts = new Int32Array(groups + 1);
  for (let p = 0; p < sortedKeys.length; p += 1) starts[sortedKeys[p]! + 1]! += 1;
  for (let g = 1; g <= groups; g += 1) starts[g]! += starts[g - 1]!;
  return starts;
}

/**
 * By position, the position of the previous click on the same message of the same contact
 * (-1 if none), so the engine drops repeated clicks in O(1): a click repeats one in the window
 * exactly when its previous click is in the window too. Touches with no contact form one group.
 * A contact has few clicks, so a backwards scan beats a hash map; a long bucket uses one.
 */
function previousContactClicks(
  starts: Int32Array,
  buckets: number,
  kind: Uint8Array,
  slot: Int32Array,
  messageOfRow: Int32Array,
  messages: StringArena,
): Int32Array {
  const previous = new Int32Array(kind.length).fill(-1);
  const lastPosition = new Map<string, number>();
  const messageAt = (k: number) => (kind[k] === KIND_CLICK ? messageOfRow[slot[k]!]! : -1);
  for (let b = 0; b < buckets; b += 1) {
    const start = starts[b]!;
    const end = starts[b + 1]!;
    if (end - start > 64) {
      for (let k = start; k < end; k += 1) {
        const message = messageAt(k);
        if (message < 0) continue;
        const id = messages.get(message);
        const before = lastPosition.get(id);
        if (before !== undefined) previous[k] = before;
        lastPosition.set(id, k);
      }
      lastPosition.clear();
      continue;
    }
    for (let k = start + 1; k < end; k += 1) {
      const message = messageAt(k);
      if (message < 0) continue;
      for (let j = k - 1; j >= start; j -= 1) {
        const other = messageAt(j);
        if (other >= 0 && messages.equals(other, message)) {
          previous[k] = j;
          break;
        }
      }
    }
  }
  return previous;
}

/**
 * The same links in account order (slot -> slot, or -1), skipping clicks that belong to another
 * account (a contact's touches can carry different accounts).
 */
function previousAccountClicks(
  accountOrder: Int32Array,
  slot: Int32Array,
  accountOfRow: Int32Array,
  contactPrevClick: Int32Array,
): Int32Array {
  const previous = new Int32Array(accountOrder.length).fill(-1);
  let slotOf: Int32Array | null = null;
  for (let s = 0; s < accountOrder.length; s += 1) {
    const k = accountOrder[s]!;
    let before = contactPrevClick[k]!;
    if (before < 0) continue;
    const account = accountOfRow[slot[k]!]!;
    while (before >= 0 && accountOfRow[slot[before]!] !== account) before = contactPrevClick[before]!;
    if (before < 0) continue;
    if (slotOf === null) {
      slotOf = new Int32Array(contactPrevClick.length).fill(-1);
      for (let t = 0; t < accountOrder.length; t += 1) slotOf[accountOrder[t]!] = t;
    }
    previous[s] = slotOf[before]!;
  }
  return previous;
}
