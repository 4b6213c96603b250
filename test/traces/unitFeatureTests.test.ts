import { test } from "node:test";
import * as assert from "node:assert/strict";
import { unitFeatureTests } from "../../src/traces/unitFeatureTests";
import { unitFeatureCorrelation } from "../../src/traces/unitFeatureCorrelation";
import { blockShuffle } from "../../src/traces/blockShuffle";
import { seededRandom } from "../../src/util/seededRandom";

const random = seededRandom(9);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** n characters of a layer with `units` noise units, unit `planted` = signal + noise·0.3 when a signal is given. */
function layer(name: string, n: number, units: number, signal?: ArrayLike<number>, planted = 2) {
  const values = Float64Array.from({ length: n * units }, normal);
  if (signal) for (let i = 0; i < n; i++) values[i * units + planted] = signal[i] + 0.3 * values[i * units + planted];
  return { layer: name, units, values };
}

test("unitFeatureTests finds a planted unit with the smallest p-value, gives the untrained network's best |r| its own p, and probes both", () => {
  const n = 3000;
  // A string-like 0/1 feature in runs, and a position-in-line-like ramp.
  const inside = Float64Array.from({ length: n }, (_, i) => (Math.floor(i / 37) % 3 === 0 ? 1 : 0));
  const column = Float64Array.from({ length: n }, (_, i) => i % 60);
  const trained = [layer("gru_1", n, 6), layer("gru_2", n, 8, inside, 5)];
  const untrained = [layer("gru_1", n, 6), layer("gru_2", n, 8)];
  const rows = unitFeatureTests(trained, untrained, { insideString: inside, positionInLine: column }, { shuffles: 40, block: 100, seed: 4 });
  const [s, c] = rows;
  assert.deepEqual([s.feature, s.trained.layer, s.trained.unit], ["insideString", "gru_2", 5]);
  assert.ok(s.trained.r > 0.8, `planted r ${s.trained.r}`);
  assert.equal(s.trained.pValue, 1 / 41, "no shuffle reaches it");
  assert.ok(s.trained.null95 < 0.2 && s.trained.nullMean <= s.trained.null95);
  assert.ok(s.untrained!.pValue > 0.05, `noise network: p ${s.untrained!.pValue}`);
  assert.equal(s.probe.trained.metric, "accuracy");
  assert.ok(s.probe.trained.score > 0.95 && s.probe.untrained!.score < s.probe.trained.score);
  assert.equal(c.probe.trained.metric, "R²");
  // r and the p-value again, independently: unitFeatureCorrelation's Pearson on the same block shuffles (same seed, same order of draws).
  const ref = unitFeatureCorrelation(untrained, { f: column });
  const best = ref.best[0];
  assert.deepEqual([c.untrained!.layer, c.untrained!.unit], [best.layer, best.unit]);
  assert.ok(Math.abs(c.untrained!.r - best.r) < 1e-12);
  const rand = seededRandom(4);
  let atLeast = 0;
  for (let k = 0; k < 40; k++) {
    const shuffled = unitFeatureCorrelation(untrained, { f: blockShuffle(column, 100, rand) }).best[0];
    if (Math.abs(shuffled.r) >= Math.abs(best.r) - 1e-12) atLeast++;
  }
  assert.equal(c.untrained!.pValue, (1 + atLeast) / 41);
});

test("unitFeatureTests: a constant feature gives NaN; no untrained network gives null; bad input is named", () => {
  const n = 400;
  const rows = unitFeatureTests([layer("a", n, 3)], null, { braceDepth: new Float64Array(n).fill(2) }, { shuffles: 5, block: 50 });
  assert.ok(Number.isNaN(rows[0].trained.r) && Number.isNaN(rows[0].trained.pValue));
  assert.equal(rows[0].untrained, null);
  assert.equal(rows[0].probe.untrained, null);
  assert.throws(() => unitFeatureTests([layer("a", n, 3)], null, { f: new Float64Array(n) }, { block: 400 }), /option block: 400, expected fewer than the 400 characters/);
  assert.throws(() => unitFeatureTests([layer("a", n - 1, 3)], null, { f: new Float64Array(n) }, { block: 50 }), /layer a has 1197 values, expected characters × units = 400 × 3/);
  assert.throws(() => unitFeatureTests([layer("a", n, 3)], null, {}, { block: 50 }), /no features/);
});
