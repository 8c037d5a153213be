/**
 * Millions of short ids (touch event ids, message ids) kept as bytes in one growing buffer
 * instead of one JS string each: a buffer is invisible to the garbage collector, while ten
 * million retained strings made every collection walk gigabytes. ASCII ids (all of ours:
 * evt_ + hex, vendor SIDs) take one byte a character; any other string is kept as it is on the
 * side, so every id reads back exactly as it was given.
 */
export class StringArena {
  private bytes: Buffer;
  /** starts[i]..starts[i + 1] are the bytes of string i. */
  private starts: Uint32Array;
  private count = 0;
  private used = 0;
  private readonly wide = new Map<number, string>();

  constructor(expectedStrings = 1024, expectedLength = 24) {
    this.starts = new Uint32Array(Math.max(16, expectedStrings + 1));
    this.bytes = Buffer.allocUnsafe(Math.max(1024, expectedStrings * expectedLength));
  }

  get size(): number {
    return this.count;
  }

  /** Appends `value`; returns its number. */
  push(value: string): number {
    if (this.count + 1 >= this.starts.length) this.starts = grow(this.starts, this.starts.length * 2);
    const needed = this.used + value.length * 3;
    if (needed > this.bytes.length) {
      if (needed > 0xffff_ffff) throw new RangeError('StringArena is limited to 4 GiB of ids');
      const bigger = Buffer.allocUnsafe(Math.min(0xffff_ffff, Math.max(needed, this.bytes.length * 2)));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const written = this.bytes.write(value, this.used, 'utf8');
    // One byte per character exactly when the string is ASCII; anything else is kept whole.
    if (written === value.length) this.used += written;
    else this.wide.set(this.count, value);
    this.count += 1;
    this.starts[this.count] = this.used;
    return this.count - 1;
  }

  get(i: number): string {
    if (this.wide.size > 0) {
      const value = this.wide.get(i);
      if (value !== undefined) return value;
    }
    return this.bytes.toString('latin1', this.starts[i]!, this.starts[i + 1]!);
  }

  equals(i: number, j: number): boolean {
    if (this.wide.size > 0 && (this.wide.has(i) || this.wide.has(j))) return this.get(i) === this.get(j);
    const start = this.starts[i]!;
    const length = this.starts[i + 1]! - start;
    const other = this.starts[j]!;
    if (this.starts[j + 1]! - other !== length) return false;
    for (let b = 0; b < length; b += 1) if (this.bytes[start + b] !== this.bytes[other + b]) return false;
    return true;
  }

  /** Orders strings i and j by UTF-16 code units, as `<` does (bytes compare alike for ASCII). */
  compare(i: number, j: number): number {
    if (this.wide.size > 0 && (this.wide.has(i) || this.wide.has(j))) {
      const a = this.get(i);
      const b = this.get(j);
      return a < b ? -1 : a > b ? 1 : 0;
    }
    const start = this.starts[i]!;
    const length = this.starts[i + 1]! - start;
    const other = this.starts[j]!;
    const otherLength = this.starts[j + 1]! - other;
    const common = Math.min(length, otherLength);
    for (let b = 0; b < common; b += 1) {
      const difference = this.bytes[start + b]! - this.bytes[other + b]!;
      if (difference !== 0) return difference;
    }
    return length - otherLength;
  }

  /** Frees the spare capacity once every string is in. */
  trim(): void {
    if (this.bytes.length > this.used * 1.25 + 1024) {
      const exact = Buffer.allocUnsafe(this.used);
      this.bytes.copy(exact, 0, 0, this.used);
      this.bytes = exact;
    }
    this.starts = this.starts.slice(0, this.count + 1);
  }
}

function grow(from: Uint32Array, length: number): Uint32Array {
  const to = new Uint32Array(length);
  to.set(from);
  return to;
}
