import { fitRidgeRegression } from "../baselines/ridgeRegression";

/** What `linearProbe` returns. */
export interface LinearProbe {
  /** "accuracy" for a 0/1 feature (prediction > 0.5), else "R²" (out of sample: 1 − SSE / SST about the scored blocks' mean; below 0 is worse than that mean). */
  metric: "accuracy" | "R²";
  /** The probe's score on the scored part. */
  score: number;
  /** What needs no units: the fitted blocks' majority class (accuracy), or 0 (R²: the scored blocks' own mean). */
  baseline: number;
  /** Rows the ridge regression was fitted on, rows it was scored on. */
  fitRows: number;
  scoredRows: number;
}

/** Options of `linearProbe`. */
export interface LinearProbeOptions {
  /** The text is cut into consecutive blocks of this many characters (default 1000): the even-numbered ones (0, 2, …) are fitted, the odd-numbered ones scored. */
  splitBlock?: number;
  /** At most this many evenly spaced characters of the fitted blocks are used (default 2000; the fit's time grows with rows × units²). */
  maxFitRows?: number;
  /** Ridge penalty per fitted row on the standardised units (default 1: l2 = rows, so a direction of the units with the variance of one noise unit is shrunk by half and a probe on noise scores near the baseline instead of overfitting; directions many units share are hardly shrunk). */
  l2PerRow?: number;
}

/**
 * A linear probe (Alain & Bengio 2016): how much of a feature is linearly readable from all the
 * units at once. Each unit is standardised on the fitted part (a constant unit becomes 0), a
 * ridge regression (fitRidgeRegression) from the units to the feature is fitted on the first
 * part of the text and scored on the rest, which it never saw: accuracy for a 0/1 feature, else
 * out-of-sample R². `values[i · units + u]` is unit u at character i (several layers side by
 * side: concatenate them per character). `linearProbes` probes several features of the
 * same units with one factorisation.
 *
 * @example
 * const p = linearProbe(hidden, 512, codeFeatures(text).insideString);
 * p.metric; // "accuracy"
 */
export function linearProbe(values: ArrayLike<number>, units: number, feature: ArrayLike<number>, options: LinearProbeOptions = {}): LinearProbe {
  return linearProbes(values, units, [feature], options)[0];
}

/**
 * {@link linearProbe} of several features of the same text and units: the units are
 * standardised once and the ridge regression's matrix (the units' Gram matrix plus the penalty)
 * is formed and Cholesky-factored once for all of them, then solved per feature.
 *
 * @example
 * const [depth, inString] = linearProbes(hidden, 512, [features.braceDepth, features.insideString]);
 */
export function linearProbes(values: ArrayLike<number>, units: number, features: Array<ArrayLike<number>>, options: LinearProbeOptions = {}): LinearProbe[] {
  const splitBlock = options.splitBlock ?? 1000;
  const maxFitRows = options.maxFitRows ?? 2000;
  const l2PerRow = options.l2PerRow ?? 1;
  if (features.length === 0) throw new Error("linearProbes: no features");
  const n = features[0].length;
  for (const [k, f] of features.entries()) if (f.length !== n) throw new Error(`linearProbes: feature ${k} has ${f.length} values, feature 0 has ${n}`);
  if (!(Number.isInteger(units) && units >= 1) || values.length !== n * units) throw new Error(`linearProbe: ${values.length} values for ${n} characters × ${units} units`);
  if (!(Number.isInteger(splitBlock) && splitBlock >= 1)) throw new Error(`linearProbe option splitBlock: ${splitBlock}, expected a positive integer`);
  if (!(Number.isInteger(maxFitRows) && maxFitRows >= 2)) throw new Error(`linearProbe option maxFitRows: ${maxFitRows}, expected an integer ≥ 2`);
  if (!(l2PerRow >= 0 && Number.isFinite(l2PerRow))) throw new Error(`linearProbe option l2PerRow: ${l2PerRow}, expected a finite number ≥ 0`);
  const fitted: number[] = [];
  const scored: number[] = [];
  for (let i = 0; i < n; i++) (Math.floor(i / splitBlock) % 2 === 0 ? fitted : scored).push(i);
  if (fitted.length < 2 || scored.length < 1) throw new Error(`linearProbe: ${n} characters in blocks of ${splitBlock} leave ${fitted.length} to fit and ${scored.length} to score; use a smaller splitBlock`);
  // Standardise each unit on the fitted part.
  const mean = new Float64Array(units), scale = new Float64Array(units);
  for (const i of fitted) for (let u = 0; u < units; u++) mean[u] += values[i * units + u];
  for (let u = 0; u < units; u++) mean[u] /= fitted.length;
  for (const i of fitted) for (let u = 0; u < units; u++) { const d = values[i * units + u] - mean[u]; scale[u] += d * d; }
  for (let u = 0; u < units; u++) { const sd = Math.sqrt(scale[u] / fitted.length); scale[u] = sd > 1e-12 ? 1 / sd : 0; }
  const row = (i: number) => Array.from({ length: units }, (_, u) => (values[i * units + u] - mean[u]) * scale[u]);
  const fitRows = Math.min(fitted.length, maxFitRows);
  const fitAt = Array.from({ length: fitRows }, (_, j) => fitted[Math.floor((j * fitted.length) / fitRows)]);
  // l2 = rows (by default) keeps AᵀA + l2·I well conditioned: the Cholesky solve agrees with the QR to about 1e-13.
  const ridge = fitRidgeRegression(fitAt.map(row), fitAt.map((i) => features.map((f) => f[i])), l2PerRow * fitRows, { solver: l2PerRow > 0 ? "cholesky" : "qr" });
  const right = features.map(() => 0), sse = features.map(() => 0), sst = features.map(() => 0);
  const m = features.map((f) => scored.reduce((s, i) => s + f[i], 0) / scored.length);
  for (let k = 0; k < scored.length; k += 4096) {
    const part = scored.slice(k, k + 4096);
    const predicted = ridge.predict(part.map(row));
    features.forEach((f, t) => {
      part.forEach((i, j) => {
        const y = f[i], p = predicted[j][t];
        if ((p > 0.5 ? 1 : 0) === y) right[t]++;
        sse[t] += (p - y) ** 2;
        sst[t] += (y - m[t]) ** 2;
      });
    });
  }
  return features.map((f, t) => {
    if (Array.prototype.every.call(f, (v: number) => v === 0 || v === 1)) {
      let ones = 0;
      for (const i of fitted) ones += f[i];
      const majority = ones * 2 > fitted.length ? 1 : 0;
      let baseline = 0;
      for (const i of scored) if (f[i] === majority) baseline++;
      return { metric: "accuracy", score: right[t] / scored.length, baseline: baseline / scored.length, fitRows, scoredRows: scored.length };
    }
    return { metric: "R²", score: sst[t] > 0 ? 1 - sse[t] / sst[t] : NaN, baseline: 0, fitRows, scoredRows: scored.length };
  });
}
