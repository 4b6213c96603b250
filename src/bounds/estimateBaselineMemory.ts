/** The sizes that drive the memory of a logistic regression on flattened windows (the tutorial's baseline). */
export interface BaselineMemorySizes {
  /** Windows of each split: the fit reads train, the L2 choice validation, the table test. */
  windows: { train: number; validation: number; test: number };
  /** Values per flattened window (time steps × features). */
  features: number;
  classes: number;
}

/** L-BFGS keeps this many pairs of parameter vectors (logisticRegression.ts), besides six working vectors. */
const LBFGS_MEMORY = 10;
/** V8's header of a JS array and of its element store, in bytes (a row's probabilities and the two arrays built on the way). */
const JS_ARRAY_BYTES = 32;

/**
 * Estimates, before anything is flattened, what a logistic regression on flattened windows holds:
 * every split as one float64 matrix (8 bytes per value), the float32 read-back of the largest
 * split's window tensor while it is converted (a backend that copies on read, as tfjs-node; the
 * wasm backend is read in place, and there this part is headroom), the class probabilities of the validation and test
 * windows as JS arrays (three arrays of `classes` numbers per row while they are built), and
 * L-BFGS's vectors. Pure arithmetic.
 *
 * @example
 * estimateBaselineMemory({ windows: { train: 1016, validation: 205, test: 205 }, features: 84, classes: 5 }).bytes // ≈ 1.4 MB
 */
export function estimateBaselineMemory(sizes: BaselineMemorySizes): { bytes: number; parts: Array<{ name: string; bytes: number; grows: string[] }> } {
  const { windows: w, features: f, classes: k } = sizes;
  for (const [name, v, min] of [["windows.train", w.train, 0], ["windows.validation", w.validation, 0], ["windows.test", w.test, 0], ["features", f, 1], ["classes", k, 2]] as const) {
    if (!Number.isSafeInteger(v) || v < min) throw new Error(`estimateBaselineMemory: option ${name} must be an integer ≥ ${min}, got ${v}`);
  }
  const grows = ["--data (rows)", "--timesteps"];
  const parts = [
    { name: "baseline: flattened windows (float64)", bytes: 8 * f * (w.train + w.validation + w.test), grows },
    { name: "baseline: a split's windows read back (float32)", bytes: 4 * f * Math.max(w.train, w.validation, w.test), grows },
    { name: "baseline: class probabilities (JS arrays)", bytes: 3 * (JS_ARRAY_BYTES + 8 * k) * (w.validation + w.test), grows: ["--data (rows)"] },
    { name: "baseline: L-BFGS vectors", bytes: 8 * (f + 1) * k * (2 * LBFGS_MEMORY + 6), grows: ["--timesteps"] },
  ];
  return { bytes: parts.reduce((s, p) => s + p.bytes, 0), parts };
}
