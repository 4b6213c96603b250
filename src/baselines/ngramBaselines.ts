import { fitCharNgram, fitCharNgramAsync } from "./charNgram";

/** One baseline of `ngramBaselines`. */
export interface NgramBaselineRow {
  /** "unigram", "bigram", "trigram" or "<n>-gram". */
  name: string;
  order: number;
  validationBpc: number;
  testBpc: number;
  /** Seconds to count the training text. */
  fitSeconds: number;
}

/** Options of `ngramBaselines`. */
export interface NgramBaselinesOptions {
  /** Number of symbols. Required. */
  vocabSize: number;
  /** The n of each model, default [1, 3, 5, 7]. */
  orders?: number[];
  /** Absolute discount, default 0.75 (see fitCharNgram). */
  discount?: number;
}

/**
 * The char LM's simple baselines: n-gram models (`fitCharNgram`) of several orders fitted on the
 * training ids, each scored in bits per character on the validation and the test ids. The order
 * to quote is the one with the lowest *validation* bpc (`bestByValidation`), not the best on test.
 *
 * @example
 * const rows = ngramBaselines(trainIds, validationIds, testIds, { vocabSize: vocab.size, orders: [1, 3, 5] });
 * bestByValidation(rows).testBpc;
 */
export function ngramBaselines(train: ArrayLike<number>, validation: ArrayLike<number>, test: ArrayLike<number>, options: NgramBaselinesOptions): NgramBaselineRow[] {
  const orders = options.orders ?? [1, 3, 5, 7];
  if (orders.length === 0) throw new Error("ngramBaselines option orders: empty, expected at least one order");
  return orders.map((order) => {
    const t0 = performance.now();
    const model = fitCharNgram(train, { order, vocabSize: options.vocabSize, discount: options.discount });
    const fitSeconds = (performance.now() - t0) / 1000;
    return { name: ngramName(order), order, validationBpc: model.bitsPerCharacter(validation), testBpc: model.bitsPerCharacter(test), fitSeconds };
  });
}

/** Options of `ngramBaselinesAsync`: those of `ngramBaselines`, a signal and a progress log. */
export interface NgramBaselinesAsyncOptions extends NgramBaselinesOptions {
  /** Stops within ~100 ms once aborted, in the counting or the scoring (throws the signal's reason). */
  signal?: AbortSignal;
  /** Progress lines of a long order, one every `logEverySeconds` (default none). */
  log?: (line: string) => void;
  /** Seconds between two progress lines (default 5). */
  logEverySeconds?: number;
}

/**
 * `ngramBaselines` without holding the event loop: each order is counted and scored in slices of
 * ~100 ms (fitCharNgramAsync), a long order prints where it is every few seconds, and an aborted
 * `signal` stops it within a slice (a Ctrl-C during the 7-gram no longer waits ~20 s). The rows
 * are the same numbers as ngramBaselines gives.
 *
 * @example
 * const rows = await ngramBaselinesAsync(trainIds, validationIds, testIds, { vocabSize: vocab.size, orders: [7], log: console.log });
 */
export async function ngramBaselinesAsync(train: ArrayLike<number>, validation: ArrayLike<number>, test: ArrayLike<number>, options: NgramBaselinesAsyncOptions): Promise<NgramBaselineRow[]> {
  const orders = options.orders ?? [1, 3, 5, 7];
  if (orders.length === 0) throw new Error("ngramBaselinesAsync option orders: empty, expected at least one order");
  const every = 1000 * (options.logEverySeconds ?? 5);
  const rows: NgramBaselineRow[] = [];
  for (const order of orders) {
    const name = ngramName(order);
    const t0 = performance.now();
    let lastLine = t0;
    const model = await fitCharNgramAsync(train, {
      order, vocabSize: options.vocabSize, discount: options.discount, signal: options.signal,
      onProgress: ({ counted, total }) => {
        const now = performance.now();
        if (!options.log || now - lastLine < every) return;
        lastLine = now;
        options.log(`  ${name}: counted ${counted.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} characters (${Math.floor((100 * counted) / total)} %), ${((now - t0) / 1000).toFixed(0)} s`);
      },
    });
    const fitSeconds = (performance.now() - t0) / 1000;
    if (options.log && fitSeconds * 1000 >= every) options.log(`  ${name}: counted in ${fitSeconds.toFixed(0)} s; scoring the validation and test text…`);
    const validationBpc = await model.bitsPerCharacterAsync(validation, { signal: options.signal });
    const testBpc = await model.bitsPerCharacterAsync(test, { signal: options.signal });
    rows.push({ name, order, validationBpc, testBpc, fitSeconds });
  }
  return rows;
}

function ngramName(order: number): string {
  return order === 1 ? "unigram" : order === 2 ? "bigram" : order === 3 ? "trigram" : `${order}-gram`;
}

/**
 * The row with the lowest validation bpc: the baseline a study quotes beside its model.
 *
 * @example
 * const strongest = bestByValidation(ngramBaselines(trainIds, validationIds, testIds, { vocabSize: 95 }));
 */
export function bestByValidation(rows: NgramBaselineRow[]): NgramBaselineRow {
  if (rows.length === 0) throw new Error("bestByValidation: no rows");
  return rows.reduce((best, row) => (row.validationBpc < best.validationBpc ? row : best));
}
