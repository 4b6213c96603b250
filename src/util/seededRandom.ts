/** A seeded generator of numbers in [0, 1); `state()` is what `seededRandom` needs to continue it. */
export interface SeededRandom {
  (): number;
  /** The generator's whole state (a 32-bit integer): `seededRandom(rand.state())` continues the same sequence. */
  state(): number;
}

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence
 * of numbers in [0, 1) on every machine. Used for reproducible shuffling; a checkpoint stores
 * `rand.state()` and a resumed run continues with `seededRandom(state)`.
 *
 * @example
 * const rand = seededRandom(42);
 * rand(); // 0.6011037519201636 every time
 */
export function seededRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Object.assign(next, { state: () => a });
}

/**
 * A permutation of 0…n−1 drawn with `rand` (Fisher–Yates).
 *
 * @example
 * shuffledIndices(5, seededRandom(1)) // the same order for seed 1, every run
 */
export function shuffledIndices(n: number, rand: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
