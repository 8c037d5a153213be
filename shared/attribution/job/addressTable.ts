/**
 * Latest-wins map from an address hash (the lake's salted SHA-256 hex of a phone or an email) to
 * a contact number, kept off the JS heap: 32 bytes a key in one buffer and numbers in typed
 * arrays, where a Map held a 64-character string and an entry object per address. A million of
 * those made every garbage collection of the touch pass walk them again. A key that is not 64
 * lower-case hex characters (some other hashing) goes to an ordinary Map instead.
 */
const KEY_BYTES = 32;

/** Hex digit value by char code, -1 for anything else (upper case included: hashPii writes lower). */
const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 10; d += 1) HEX[48 + d] = d;
for (let d = 0; d < 6; d += 1) HEX[97 + d] = 10 + d;

export class AddressTable {
  private keys = new Uint8Array(1024 * KEY_BYTES);
  private values = new Int32Array(1024);
  private times = new Float64Array(1024);
  private eventIds: string[] | null = [];
  private slots = new Int32Array(2048);
  private mask = 2047;
  private count = 0;
  private readonly others = new Map<string, number>();
  private readonly scratch = new Uint8Array(KEY_BYTES);

  get size(): number {
    return this.count;
  }

  /**
   * Gives `key` to `value` unless it already belongs to a later record: later in time, or as
   * late with a greater event id (the order the SQL twin's row_number() uses).
   */
  offer(key: string, value: number, at: number, eventId: string): void {
    if (this.eventIds === null) throw new Error('AddressTable is sealed');
    const entry = this.find(key, true);
    const previous = this.eventIds[entry];
    if (previous !== undefined) {
      const time = this.times[entry]!;
      if (at < time || (at === time && eventId <= previous)) return;
    }
    this.values[entry] = value;
    this.times[entry] = at;
    this.eventIds[entry] = eventId;
  }

  /** The value of `key`, or -1. */
  get(key: string): number {
    const entry = this.find(key, false);
    return entry < 0 ? -1 : this.values[entry]!;
  }

  /** Drops what only `offer` needs (times, event ids) once every record is in. */
  seal(): void {
    this.eventIds = null;
    this.times = new Float64Array(0);
  }

  /** The entry of `key`; with `add`, a new one when absent (else -1). */
  private find(key: string, add: boolean): number {
    if (!this.parse(key)) {
      let entry = this.others.get(key);
      if (entry === undefined) {
        if (!add) return -1;
        entry = this.newEntry();
        this.others.set(key, entry);
      }
      return entry;
    }
    const scratch = this.scratch;
    // The key is a cryptographic hash: its first four bytes are already a well-spread hash.
    let slot = (scratch[0]! | (scratch[1]! << 8) | (scratch[2]! << 16) | (scratch[3]! << 24)) & this.mask;
    for (;;) {
      const stored = this.slots[slot]!;
      if (stored === 0) break;
      if (this.sameKey(stored - 1)) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
    if (!add) return -1;
    const entry = this.newEntry();
    this.keys.set(scratch, entry * KEY_BYTES);
    this.slots[slot] = entry + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return entry;
  }

  /** Decodes a 64-character lower-case hex key into `scratch`; false for any other key. */
  private parse(key: string): boolean {
    if (key.length !== KEY_BYTES * 2) return false;
    const scratch = this.scratch;
    for (let b = 0; b < KEY_BYTES; b += 1) {
      const high = key.charCodeAt(b * 2);
      const low = key.charCodeAt(b * 2 + 1);
      const h = high < 128 ? HEX[high]! : -1;
      const l = low < 128 ? HEX[low]! : -1;
      if (h < 0 || l < 0) return false;
      scratch[b] = (h << 4) | l;
    }
    return true;
  }

  private sameKey(entry: number): boolean {
    const keys = this.keys;
    const scratch = this.scratch;
    const start = entry * KEY_BYTES;
    for (let b = 0; b < KEY_BYTES; b += 1) if (keys[start + b] !== scratch[b]) return false;
    return true;
  }

  private newEntry(): number {
    if (this.count === this.values.length) {
      const capacity = this.values.length * 2;
      const keys = new Uint8Array(capacity * KEY_BYTES);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(capacity);
      values.set(this.values);
      this.values = values;
      const times = new Float64Array(capacity);
      times.set(this.times);
      this.times = times;
    }
    this.count += 1;
    return this.count - 1;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const keys = this.keys;
    for (const stored of this.slots) {
      if (stored === 0) continue;
      const start = (stored - 1) * KEY_BYTES;
      let slot =
        (keys[start]! | (keys[start + 1]! << 8) | (keys[start + 2]! << 16) | (keys[start + 3]! << 24)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = stored;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
