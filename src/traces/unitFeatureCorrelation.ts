/** One layer's values over a text: `values[i · units + u]` is unit u after character i. */
export interface LayerValues {
  layer: string;
  units: number;
  values: ArrayLike<number>;
}

/** The Pearson correlation of one unit with one feature. */
export interface UnitFeatureRow {
  layer: string;
  unit: number;
  feature: string;
  /** Pearson's r over the characters; NaN when the unit or the feature is constant. */
  r: number;
}

/** What `unitFeatureCorrelation` returns: every (layer, unit, feature) and, per feature, the unit with the largest |r|. */
export interface UnitFeatureCorrelation {
  rows: UnitFeatureRow[];
  /** One row per feature (in the order given): the unit with the largest |r| over all layers (NaN rows skipped; r NaN if all were). */
  best: UnitFeatureRow[];
}

/**
 * The interpretable-unit search of Karpathy, Johnson & Fei-Fei 2015: for each unit of each layer,
 * Pearson's correlation between its value (e.g. h) at each character and a feature of that
 * character (e.g. `codeFeatures`: brace depth, position in line, inside a string or a comment),
 * and the best unit per feature. A unit that tracks a feature up to sign has |r| near 1.
 * Throws when a layer and a feature cover different numbers of characters.
 *
 * @example
 * const { layers } = readCharLm(model, vocab.encode(text), { streams: 1, states: true });
 * const { best } = unitFeatureCorrelation(layers.map((l) => ({ layer: l.layer, units: l.shape[2], values: l.h })), codeFeatures(text));
 */
export function unitFeatureCorrelation(layers: LayerValues[], features: { [name: string]: ArrayLike<number> }): UnitFeatureCorrelation {
  const names = Object.keys(features);
  if (names.length === 0) throw new Error("unitFeatureCorrelation: no features");
  const n = features[names[0]].length;
  for (const name of names) {
    if (features[name].length !== n) throw new Error(`unitFeatureCorrelation: feature ${name} has ${features[name].length} values, feature ${names[0]} has ${n}`);
  }
  const rows: UnitFeatureRow[] = [];
  for (const { layer, units, values } of layers) {
    if (values.length !== n * units) throw new Error(`unitFeatureCorrelation: layer ${layer} has ${values.length} values, expected characters × units = ${n} × ${units}`);
    for (let unit = 0; unit < units; unit++) {
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) column[i] = values[i * units + unit];
      for (const feature of names) rows.push({ layer, unit, feature, r: pearson(column, features[feature]) });
    }
  }
  const best = names.map((feature) => {
    let top: UnitFeatureRow = { layer: "", unit: -1, feature, r: NaN };
    for (const row of rows) if (row.feature === feature && Number.isFinite(row.r) && !(Math.abs(row.r) <= Math.abs(top.r))) top = row;
    return top;
  });
  return { rows, best };
}

/** Pearson's r of two equally long series (two passes, in float64); NaN if either is constant. */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
