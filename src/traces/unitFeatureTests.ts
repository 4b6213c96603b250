import { seededRandom } from "../util/seededRandom";
import { blockShuffle } from "./blockShuffle";
import { linearProbes, type LinearProbe, type LinearProbeOptions } from "./linearProbe";
import type { LayerValues } from "./unitFeatureCorrelation";

/** The unit with the largest |r| with a feature, and how often a shuffled feature does as well. */
export interface BestUnitTest {
  layer: string;
  unit: number;
  /** Pearson's r of that unit with the feature (NaN when the feature is constant). */
  r: number;
  /** Permutation p-value of its |r|: (1 + #{shuffles whose best |r| ≥ it}) / (1 + shuffles). */
  pValue: number;
  /** The best |r| over all units with the feature block-shuffled: mean and 95th percentile over the shuffles. */
  nullMean: number;
  null95: number;
}

/** One row of `unitFeatureTests`: one feature. */
export interface UnitFeatureTestRow {
  feature: string;
  trained: BestUnitTest;
  /** The same for the untrained network (null when none was given). */
  untrained: BestUnitTest | null;
  /** Linear probes from all units to the feature (fitted on the text's first part, scored on the rest). */
  probe: { trained: LinearProbe; untrained: LinearProbe | null };
}

/** Options of `unitFeatureTests`. */
export interface UnitFeatureTestsOptions {
  /** Shuffles of each feature for the null (default 100). */
  shuffles?: number;
  /** Characters per shuffled block (default 500: longer than a line, a string or most comments). */
  block?: number;
  /** Seed of the shuffles (default 1). */
  seed?: number;
  /** The probes' options (linearProbe); their splitBlock defaults to `block`. */
  probe?: LinearProbeOptions;
}

/** All layers' values side by side per character: [character][unit over all layers], and the (layer, unit) of each column. */
function sideBySide(layers: LayerValues[], n: number): { values: Float64Array; units: number; names: Array<[string, number]> } {
  const units = layers.reduce((s, l) => s + l.units, 0);
  const names: Array<[string, number]> = [];
  for (const l of layers) {
    if (l.values.length !== n * l.units) throw new Error(`unitFeatureTests: layer ${l.layer} has ${l.values.length} values, expected characters × units = ${n} × ${l.units}`);
    for (let u = 0; u < l.units; u++) names.push([l.layer, u]);
  }
  const values = new Float64Array(n * units);
  let offset = 0;
  for (const l of layers) {
    for (let i = 0; i < n; i++) for (let u = 0; u < l.units; u++) values[i * units + offset + u] = l.values[i * l.units + u];
    offset += l.units;
  }
  return { values, units, names };
}

/** Each column centred and scaled to unit norm (a constant column becomes 0), so r = Σ z_u · z_f. */
function standardiseColumns(values: Float64Array, units: number, n: number): Float64Array {
  const z = new Float64Array(values);
  for (let u = 0; u < units; u++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += z[i * units + u];
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) { const d = z[i * units + u] - m; z[i * units + u] = d; ss += d * d; }
    const s = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let i = 0; i < n; i++) z[i * units + u] *= s;
  }
  return z;
}

/** Shuffles correlated in one pass over the units (the pass is memory-bound: one read of z serves this many). */
const SHUFFLE_BATCH = 16;

/**
 * r of every unit with each of several features (equally long), from standardised units, in one
 * pass over z: NaN everywhere for a constant feature.
 */
function correlations(z: Float64Array, units: number, features: ArrayLike<number>[]): Float64Array[] {
  const n = features[0].length;
  const scales = features.map((feature) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += feature[i];
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (feature[i] - m) ** 2;
    return ss > 0 ? 1 / Math.sqrt(ss) : NaN;
  });
  const r = features.map(() => new Float64Array(units));
  // The unit columns are centred, so Σ z_u (f − m) = Σ z_u f: characters where f = 0 (most of a 0/1 feature) add nothing.
  for (let i = 0; i < n; i++) {
    const at = i * units;
    for (let k = 0; k < features.length; k++) {
      const f = features[k][i];
      if (f === 0) continue;
      const acc = r[k];
      for (let u = 0; u < units; u++) acc[u] += z[at + u] * f;
    }
  }
  r.forEach((acc, k) => { for (let u = 0; u < units; u++) acc[u] *= scales[k]; });
  return r;
}

function bestAbs(r: Float64Array): number {
  let best = 0;
  for (let u = 1; u < r.length; u++) if (Math.abs(r[u]) > Math.abs(r[best])) best = u;
  return best;
}

function testBest(z: Float64Array, units: number, names: Array<[string, number]>, feature: ArrayLike<number>, o: Required<Pick<UnitFeatureTestsOptions, "shuffles" | "block" | "seed">>): BestUnitTest {
  const [r] = correlations(z, units, [feature]);
  const best = bestAbs(r);
  const observed = Math.abs(r[best]);
  if (!Number.isFinite(observed)) return { layer: names[best][0], unit: names[best][1], r: NaN, pValue: NaN, nullMean: NaN, null95: NaN };
  const random = seededRandom(o.seed);
  const nulls: number[] = [];
  let atLeast = 0;
  for (let s = 0; s < o.shuffles; s += SHUFFLE_BATCH) {
    const batch = Array.from({ length: Math.min(SHUFFLE_BATCH, o.shuffles - s) }, () => blockShuffle(feature, o.block, random));
    for (const rs of correlations(z, units, batch)) {
      const b = Math.abs(rs[bestAbs(rs)]);
      nulls.push(b);
      if (b >= observed) atLeast++;
    }
  }
  nulls.sort((a, b) => a - b);
  return {
    layer: names[best][0], unit: names[best][1], r: r[best], pValue: (1 + atLeast) / (1 + o.shuffles),
    nullMean: nulls.reduce((a, b) => a + b, 0) / nulls.length, null95: nulls[Math.min(nulls.length - 1, Math.ceil(0.95 * nulls.length) - 1)],
  };
}

/**
 * Interpretable units tested against nulls and probes (the unit search of Karpathy et al. 2015,
 * made falsifiable): for each feature (e.g. codeFeatures: brace depth, position in line, in a
 * string, in a comment),
 * (a) the trained network's best unit (largest |Pearson r| over all units of all layers) and a
 *     permutation p-value: the same best |r| with the feature shuffled in contiguous blocks of
 *     `block` characters (blockShuffle; the maximum over units is taken in every shuffle, so the
 *     search over many units is accounted for);
 * (b) the same for an untrained network of the same shape reading the same text (a random
 *     recurrent network already tracks features such as "inside a string"; a trained unit is
 *     interesting only above it);
 * (c) linear probes (linearProbe: ridge regression from all units, fitted on the first part of
 *     the text, scored on the rest; accuracy for 0/1 features, out-of-sample R² otherwise) for
 *     both networks.
 * A constant feature gives NaN for r, p and the null. Deterministic for a seed.
 *
 * @example
 * const rows = unitFeatureTests(trainedLayers, untrainedLayers, codeFeatures(text), { shuffles: 100 });
 * rows.map((r) => `${r.feature}: |r| ${Math.abs(r.trained.r).toFixed(2)} (p ${r.trained.pValue}), untrained ${Math.abs(r.untrained!.r).toFixed(2)}`);
 */
export function unitFeatureTests(trained: LayerValues[], untrained: LayerValues[] | null, features: { [name: string]: ArrayLike<number> }, options: UnitFeatureTestsOptions = {}): UnitFeatureTestRow[] {
  const o = { shuffles: options.shuffles ?? 100, block: options.block ?? 500, seed: options.seed ?? 1 };
  if (!(Number.isInteger(o.shuffles) && o.shuffles >= 1)) throw new Error(`unitFeatureTests option shuffles: ${o.shuffles}, expected a positive integer`);
  const names = Object.keys(features);
  if (names.length === 0) throw new Error("unitFeatureTests: no features");
  if (trained.length === 0) throw new Error("unitFeatureTests: no layers of the trained network");
  const n = features[names[0]].length;
  for (const name of names) if (features[name].length !== n) throw new Error(`unitFeatureTests: feature ${name} has ${features[name].length} values, feature ${names[0]} has ${n}`);
  if (o.block >= n) throw new Error(`unitFeatureTests option block: ${o.block}, expected fewer than the ${n} characters (at least two blocks to shuffle)`);
  const nets = [trained, untrained].map((layers) => {
    if (!layers) return null;
    const s = sideBySide(layers, n);
    return { ...s, z: standardiseColumns(s.values, s.units, n) };
  });
  // Every feature's probe of a network from one factorisation (linearProbes).
  const probes = nets.map((net) => (net ? linearProbes(net.values, net.units, names.map((name) => features[name]), { ...options.probe, splitBlock: options.probe?.splitBlock ?? o.block }) : null));
  return names.map((feature, k) => {
    const f = features[feature];
    const [t, u] = nets.map((net, which) => (net ? { best: testBest(net.z, net.units, net.names, f, o), probe: probes[which]![k] } : null));
    return { feature, trained: t!.best, untrained: u?.best ?? null, probe: { trained: t!.probe, untrained: u?.probe ?? null } };
  });
}
