import { fitRidgeRegression } from "../baselines/ridgeRegression";

/** What `linearProbe` returns. */
export interface LinearProbe {
  /** "accuracy" for a 0/1 feature (prediction > 0.5), else "R²" (out of sample: 1 − SSE / SST about the scored part's mean; below 0 is worse than that mean). */
  metric: "accuracy" | "R²";
  /** The probe's score on the scored part. */
  score: number;
  /** What needs no units: the fitted part's majority class (accuracy), or 0 (R²). */
  baseline: number;
  /** Rows the ridge regression was fitted on, rows it was scored on. */
  fitRows: number;
  scoredRows: number;
}

/** Options of `linearProbe`. */
export interface LinearProbeOptions {
  /** Share of the characters, from the start, the probe is fitted on (default 0.5); it is scored on the rest. */
  fitShare?: number;
  /** At most this many evenly spaced characters of the fitted part are used (default 2000; the QR's time grows with rows × units²). */
  maxFitRows?: number;
  /** Ridge penalty on the standardised units (default 10). */
  l2?: number;
}

/**
 * A linear probe (Alain & Bengio 2016): how much of a feature is linearly readable from all the
 * units at once. Each unit is standardised on the fitted part (a constant unit becomes 0), a
 * ridge regression (fitRidgeRegression) from the units to the feature is fitted on the first
 * part of the text and scored on the rest, which it never saw: accuracy for a 0/1 feature, else
 * out-of-sample R². `values[i · units + u]` is unit u at character i (several layers side by
 * side: concatenate them per character).
 *
 * @example
 * const p = linearProbe(hidden, 512, codeFeatures(text).insideString);
 * p.metric; // "accuracy"
 */
export function linearProbe(values: ArrayLike<number>, units: number, feature: ArrayLike<number>, options: LinearProbeOptions = {}): LinearProbe {
  const fitShare = options.fitShare ?? 0.5;
  const maxFitRows = options.maxFitRows ?? 2000;
  const l2 = options.l2 ?? 10;
  const n = feature.length;
  if (!(Number.isInteger(units) && units >= 1) || values.length !== n * units) throw new Error(`linearProbe: ${values.length} values for ${n} characters × ${units} units`);
  if (!(fitShare > 0 && fitShare < 1)) throw new Error(`linearProbe option fitShare: ${fitShare}, expected a number in (0, 1)`);
  if (!(Number.isInteger(maxFitRows) && maxFitRows >= 2)) throw new Error(`linearProbe option maxFitRows: ${maxFitRows}, expected an integer ≥ 2`);
  const cut = Math.floor(n * fitShare);
  if (cut < 2 || n - cut < 1) throw new Error(`linearProbe: ${n} characters are too few to fit on ${fitShare} of them and score on the rest`);
  const boolean = Array.prototype.every.call(feature, (v: number) => v === 0 || v === 1);
  // Standardise each unit on the fitted part.
  const mean = new Float64Array(units), scale = new Float64Array(units);
  for (let i = 0; i < cut; i++) for (let u = 0; u < units; u++) mean[u] += values[i * units + u];
  for (let u = 0; u < units; u++) mean[u] /= cut;
  for (let i = 0; i < cut; i++) for (let u = 0; u < units; u++) { const d = values[i * units + u] - mean[u]; scale[u] += d * d; }
  for (let u = 0; u < units; u++) { const sd = Math.sqrt(scale[u] / cut); scale[u] = sd > 1e-12 ? 1 / sd : 0; }
  const row = (i: number) => Array.from({ length: units }, (_, u) => (values[i * units + u] - mean[u]) * scale[u]);
  const fitRows = Math.min(cut, maxFitRows);
  const fitAt = Array.from({ length: fitRows }, (_, j) => Math.floor((j * cut) / fitRows));
  const ridge = fitRidgeRegression(fitAt.map(row), fitAt.map((i) => [feature[i]]), l2);
  const scored = Array.from({ length: n - cut }, (_, j) => cut + j);
  let right = 0, sse = 0, m = 0, sst = 0;
  for (const i of scored) m += feature[i];
  m /= scored.length;
  for (let k = 0; k < scored.length; k += 4096) {
    const part = scored.slice(k, k + 4096);
    const predicted = ridge.predict(part.map(row));
    part.forEach((i, j) => {
      const y = feature[i], p = predicted[j][0];
      if ((p > 0.5 ? 1 : 0) === y) right++;
      sse += (p - y) ** 2;
      sst += (y - m) ** 2;
    });
  }
  if (boolean) {
    let ones = 0;
    for (let i = 0; i < cut; i++) ones += feature[i];
    const majority = ones * 2 > cut ? 1 : 0;
    let baseline = 0;
    for (const i of scored) if (feature[i] === majority) baseline++;
    return { metric: "accuracy", score: right / scored.length, baseline: baseline / scored.length, fitRows, scoredRows: scored.length };
  }
  return { metric: "R²", score: sst > 0 ? 1 - sse / sst : NaN, baseline: 0, fitRows, scoredRows: scored.length };
}
