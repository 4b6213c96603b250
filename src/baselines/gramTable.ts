import { GRAM_TABLE_MAX_LOAD, GRAM_TABLE_GROWTH } from "../bounds/estimateKneserNeyMemory";

/** Multiplier of the polynomial string hash (odd, so it is invertible modulo 2³²). */
const HASH_BASE = 0x9e3779b1;

/** HASH_POWERS[j] = HASH_BASE^j mod 2³², for strings up to 255 symbols. */
const HASH_POWERS = (() => {
  const p = new Uint32Array(256);
  p[0] = 1;
  for (let j = 1; j < p.length; j++) p[j] = Math.imul(p[j - 1], HASH_BASE) >>> 0;
  return p;
})();

/**
 * The hash of a string grown one symbol to the left: h(x · s) from h(s), where s has `length`
 * symbols before x is put in front of it. The hash of the empty string is 0.
 *
 * @example
 * let h = 0;
 * h = prependHash(h, 7, 0); // "7"
 * h = prependHash(h, 3, 1); // "3 7"
 */
export function prependHash(hash: number, symbol: number, length: number): number {
  return (hash + Math.imul(symbol + 1, HASH_POWERS[length])) >>> 0;
}

/** Murmur3's finaliser: spreads a polynomial hash over the slot index. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The distinct strings of one length k of a training text, each kept as the position where one
 * occurrence ends (no copy of the string), in an open-addressing hash table (linear probing)
 * over typed arrays. A match is exact: equal hashes are confirmed by comparing the k symbols.
 * Beside each string: `count` (the n-gram count the model uses), and as a context of the next
 * order, `total` (the sum of its continuations' counts) and `n1`, `n2`, `n3` (how many
 * continuations have count 1, 2, ≥ 3). Internal to fitKneserNey.
 *
 * @example
 * const train = Uint16Array.from([1, 2, 1, 2]);
 * const bigrams = new GramTable(2, 4);
 * let h = prependHash(prependHash(0, 2, 0), 1, 1); // "1 2", ending at position 1
 * bigrams.insert(train, 1, h); // id 0, added
 */
export class GramTable {
  /** k: the number of symbols of every string. */
  readonly length: number;
  /** Number of distinct strings stored (ids 0 … size − 1). */
  size = 0;
  /** Whether the last `insert` added a new string. */
  added = false;
  hash: Uint32Array;
  end: Uint32Array;
  count: Uint32Array;
  total: Uint32Array;
  n1: Uint16Array;
  n2: Uint16Array;
  n3: Uint16Array;
  private slots: Int32Array;
  private mask: number;
  /** Never more entries than this (the strings of this length a text can hold). */
  private readonly maxEntries: number;

  constructor(length: number, maxEntries: number) {
    this.length = length;
    this.maxEntries = Math.max(1, maxEntries);
    const capacity = Math.min(this.maxEntries, 1024);
    this.hash = new Uint32Array(capacity);
    this.end = new Uint32Array(capacity);
    this.count = new Uint32Array(capacity);
    this.total = new Uint32Array(capacity);
    this.n1 = new Uint16Array(capacity);
    this.n2 = new Uint16Array(capacity);
    this.n3 = new Uint16Array(capacity);
    let slots = 16;
    while (slots * GRAM_TABLE_MAX_LOAD < capacity) slots *= 2;
    this.slots = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.hash.byteLength + this.end.byteLength + this.count.byteLength + this.total.byteLength +
      this.n1.byteLength + this.n2.byteLength + this.n3.byteLength + this.slots.byteLength;
  }

  /** The id of the string `text[at − k + 1 … at]` (whose hash is h), or −1 when it is not stored. */
  find(train: ArrayLike<number>, text: ArrayLike<number>, at: number, h: number): number {
    if (this.length === 0) return this.size > 0 ? 0 : -1;
    for (let s = mix(h) & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s];
      if (id < 0) return -1;
      if (this.hash[id] === h && this.same(train, this.end[id], text, at)) return id;
    }
  }

  /** The id of `train[at − k + 1 … at]` (hash h), stored first if it is new (then `added` is true). */
  insert(train: ArrayLike<number>, at: number, h: number): number {
    this.added = false;
    if (this.length === 0) {
      if (this.size === 0) { this.size = 1; this.added = true; }
      return 0;
    }
    let s = mix(h) & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const id = this.slots[s];
      if (id < 0) break;
      if (this.hash[id] === h && this.same(train, this.end[id], train, at)) return id;
    }
    if (this.size === this.hash.length) this.growEntries();
    const id = this.size++;
    this.hash[id] = h;
    this.end[id] = at;
    this.slots[s] = id;
    this.added = true;
    if (this.size > this.slots.length * GRAM_TABLE_MAX_LOAD) this.growSlots();
    return id;
  }

  private same(train: ArrayLike<number>, trainEnd: number, text: ArrayLike<number>, at: number): boolean {
    for (let j = 0; j < this.length; j++) if (train[trainEnd - j] !== text[at - j]) return false;
    return true;
  }

  private growEntries(): void {
    const capacity = Math.min(this.maxEntries, Math.ceil(this.hash.length * GRAM_TABLE_GROWTH) + 16);
    if (capacity <= this.hash.length) throw new Error(`GramTable: more than ${this.maxEntries} strings of length ${this.length} (the most the text can hold)`);
    const grow = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => { const b = make(capacity); b.set(a); return b; };
    this.hash = grow(this.hash, (n) => new Uint32Array(n));
    this.end = grow(this.end, (n) => new Uint32Array(n));
    this.count = grow(this.count, (n) => new Uint32Array(n));
    this.total = grow(this.total, (n) => new Uint32Array(n));
    this.n1 = grow(this.n1, (n) => new Uint16Array(n));
    this.n2 = grow(this.n2, (n) => new Uint16Array(n));
    this.n3 = grow(this.n3, (n) => new Uint16Array(n));
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let s = mix(this.hash[id]) & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
