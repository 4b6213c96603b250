import { fitKneserNeyAsync, type KneserNeyModel } from "./kneserNey";

/** One order of `kneserNeyBaselines`. */
export interface KneserNeyBaselineRow {
  /** "<n>-gram (modified Kneser–Ney)". */
  name: string;
  order: number;
  validationBpc: number;
  testBpc: number;
  /** Seconds to fit (count and collect the contexts) on the training ids. */
  fitSeconds: number;
  /** Distinct n-grams of the longest length, and the bytes the model's arrays hold. */
  distinctGrams: number;
  modelBytes: number;
  /** The orders (1 … n) whose count-of-counts gave no valid discounts (the fallback 0.5, 1, 1.5 was used). */
  discountFallbackOrders: number[];
}

/** Options of `kneserNeyBaselines`. */
export interface KneserNeyBaselinesOptions {
  /** Number of symbols. Required. */
  vocabSize: number;
  /** The n of each model, default [5, 10, 20]. */
  orders?: number[];
  /** Stops within ~100 ms once aborted (throws the signal's reason). */
  signal?: AbortSignal;
  /** Progress lines of a long order, one every `logEverySeconds` (default none). */
  log?: (line: string) => void;
  /** Seconds between two progress lines (default 5). */
  logEverySeconds?: number;
  /** Memory limit of each fit (see fitKneserNey). */
  memoryLimit?: number | string;
}

/**
 * Modified Kneser–Ney baselines of several orders (fitKneserNeyAsync), each fitted on the
 * training ids and scored on validation and test in bits per character, and the model of the
 * order with the lowest *validation* bpc (the one to quote, and to compare a network with
 * character by character: its `log2Probabilities`). Only that model is kept while the next order
 * is fitted. Runs in slices of ~100 ms: progress lines for a long order, and an aborted signal
 * stops it.
 *
 * @example
 * const { rows, best } = await kneserNeyBaselines(trainIds, validationIds, testIds, { vocabSize: vocab.size, orders: [5, 10, 20], log: console.log });
 * best.order; // chosen on validation
 */
export async function kneserNeyBaselines(train: ArrayLike<number>, validation: ArrayLike<number>, test: ArrayLike<number>, options: KneserNeyBaselinesOptions): Promise<{ rows: KneserNeyBaselineRow[]; best: KneserNeyModel }> {
  const orders = options.orders ?? [5, 10, 20];
  if (orders.length === 0) throw new Error("kneserNeyBaselines option orders: empty, expected at least one order");
  const every = 1000 * (options.logEverySeconds ?? 5);
  const rows: KneserNeyBaselineRow[] = [];
  let best: KneserNeyModel | null = null;
  let bestBpc = Infinity;
  for (const order of orders) {
    const name = `${order}-gram (modified Kneser–Ney)`;
    const t0 = performance.now();
    let lastLine = t0;
    const model = await fitKneserNeyAsync(train, {
      order, vocabSize: options.vocabSize, signal: options.signal, memoryLimit: options.memoryLimit,
      onProgress: ({ phase, done, total }) => {
        const now = performance.now();
        if (!options.log || now - lastLine < every) return;
        lastLine = now;
        options.log(`  ${name}: ${phase} ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} (${Math.floor((100 * done) / total)} %), ${((now - t0) / 1000).toFixed(0)} s`);
      },
    });
    const fitSeconds = (performance.now() - t0) / 1000;
    options.log?.(`  ${name}: fitted in ${fitSeconds.toFixed(0)} s; scoring the validation and test text…`);
    const validationBpc = await model.bitsPerCharacterAsync(validation, { signal: options.signal });
    const testBpc = await model.bitsPerCharacterAsync(test, { signal: options.signal });
    rows.push({
      name, order, validationBpc, testBpc, fitSeconds, distinctGrams: model.distinctGrams[order - 1], modelBytes: model.bytes,
      discountFallbackOrders: model.discountFallback.flatMap((f, k) => (f ? [k + 1] : [])),
    });
    if (validationBpc < bestBpc) { best = model; bestBpc = validationBpc; }
  }
  return { rows, best: best! };
}
