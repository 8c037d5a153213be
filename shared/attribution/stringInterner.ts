/**
 * Numbers strings 0, 1, 2… in first-seen order: `intern('c42')` is the same number every time.
 * Open addressing over one Int32Array of (hash, number + 1) pairs, so a lookup among a million
 * contacts touches one slot and one stored string, where a Map walks bucket, entry and key.
 * Interning ten million touch rows is dominated by those cache misses; `internBatch` first
 * loads the slots and strings of a whole batch (independent loads the CPU overlaps), then
 * resolves them, about three times faster than one by one.
 */
export class StringInterner {
  readonly names: string[] = [];
  private slots: Int32Array;
  private mask: number;
  private batchHashes = new Int32Array(0);
  /** Keeps the warm-up loads observable so the compiler cannot drop them. */
  warmSink = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.names.length;
  }

  /** The number of `key`, or undefined if it was never interned. */
  get(key: string): number | undefined {
    const hash = hashOf(key);
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const id = slots[slot * 2 + 1]!;
      if (id === 0) return undefined;
      if (slots[slot * 2] === hash && this.names[id - 1] === key) return id - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  intern(key: string): number {
    return this.internHashed(key, hashOf(key));
  }

  private internHashed(key: string, hash: number): number {
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const id = slots[slot * 2 + 1]!;
      if (id === 0) break;
      if (slots[slot * 2] === hash && this.names[id - 1] === key) return id - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.names.length;
    this.names.push(key);
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = id + 1;
    if (this.names.length * 2 > this.mask + 1) this.grow();
    return id;
  }

  /** out[offset + i] = number of keys[i], or -1 where keys[i] is null, for i < count. */
  internBatch(
    keys: readonly (string | null | undefined)[],
    count: number,
    out: Int32Array,
    offset: number,
  ): void {
    this.warm(keys, count);
    const hashes = this.batchHashes;
    for (let i = 0; i < count; i += 1) {
      const key = keys[i];
      out[offset + i] = key == null ? -1 : this.internHashed(key, hashes[i]!);
    }
  }

  /** out[i] = number of keys[i], or -1 where keys[i] was never interned, for i < count. */
  lookupBatch(keys: readonly string[], count: number, out: Int32Array): void {
    this.warm(keys, count);
    for (let i = 0; i < count; i += 1) out[i] = this.get(keys[i]!) ?? -1;
  }

  /** Hashes a batch into `batchHashes`, then loads each key's first slot and its string. */
  private warm(keys: readonly (string | null | undefined)[], count: number): void {
    if (this.batchHashes.length < count) this.batchHashes = new Int32Array(count);
    const hashes = this.batchHashes;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = 0; i < count; i += 1) {
      const key = keys[i];
      hashes[i] = key == null ? 0 : hashOf(key);
    }
    // The loaded values are not needed, only their cache lines; the sum keeps the loads alive.
    let warm = 0;
    for (let i = 0; i < count; i += 1) {
      const slot = hashes[i]! & mask;
      if (slots[slot * 2] === hashes[i]) warm += slots[slot * 2 + 1]!;
    }
    for (let i = 0; i < count; i += 1) {
      const slot = hashes[i]! & mask;
      const id = slots[slot * 2 + 1]!;
      if (id > 0 && slots[slot * 2] === hashes[i]) warm += this.names[id - 1]!.length;
    }
    this.warmSink = warm;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const id = old[i + 1]!;
      if (id === 0) continue;
      let slot = old[i]! & this.mask;
      while (this.slots[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = old[i]!;
      this.slots[slot * 2 + 1] = id;
    }
  }
}

/** FNV-1a over UTF-16 code units, finished with a murmur3 mix so low bits spread for the mask. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash | 0;
}
