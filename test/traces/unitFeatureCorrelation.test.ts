import { test } from "node:test";
import * as assert from "node:assert/strict";
import { seededRandom } from "../../src/index";
import { unitFeatureCorrelation } from "../../src/studies/index";

test("unitFeatureCorrelation computes Pearson's r (hand case: x = 1,2,3, y = 1,2,4 → r = 0.98198)", () => {
  // mean x 2, mean y 7/3; Σdxdy = 3, Σdx² = 2, Σdy² = 14/3 → r = 3 / sqrt(28/3) = 0.9819805060619657
  const { rows } = unitFeatureCorrelation([{ layer: "L", units: 1, values: [1, 2, 3] }], { y: [1, 2, 4], constant: [5, 5, 5] });
  assert.ok(Math.abs(rows[0].r - 0.9819805060619657) < 1e-12, String(rows[0].r));
  assert.ok(Number.isNaN(rows[1].r));
});

test("unitFeatureCorrelation finds a planted unit among noise units, with its sign", () => {
  const rand = seededRandom(5);
  const n = 2000, units = 16;
  const depth = Float32Array.from({ length: n }, (_, i) => Math.floor(i / 100) % 4);
  const inString = Float32Array.from({ length: n }, (_, i) => (i % 37 < 6 ? 1 : 0));
  const layers = ["gru_1", "gru_2"].map((layer) => ({ layer, units, values: Float32Array.from({ length: n * units }, () => rand() * 2 - 1) }));
  // layer gru_2 unit 11 ≈ −depth (tanh-squashed, with noise); layer gru_1 unit 3 ≈ inString
  for (let i = 0; i < n; i++) {
    layers[1].values[i * units + 11] = Math.tanh(-0.6 * depth[i]) + 0.1 * (rand() - 0.5);
    layers[0].values[i * units + 3] = 0.8 * inString[i] - 0.4 + 0.2 * (rand() - 0.5);
  }
  const { rows, best } = unitFeatureCorrelation(layers, { braceDepth: depth, insideString: inString });
  assert.equal(rows.length, 2 * units * 2);
  assert.deepEqual(best.map((b) => [b.feature, b.layer, b.unit]), [["braceDepth", "gru_2", 11], ["insideString", "gru_1", 3]]);
  assert.ok(best[0].r < -0.95, String(best[0].r));
  assert.ok(best[1].r > 0.95, String(best[1].r));
  const noise = rows.filter((r) => !(r.layer === "gru_2" && r.unit === 11) && !(r.layer === "gru_1" && r.unit === 3));
  assert.ok(noise.every((r) => Math.abs(r.r) < 0.1), "noise units stay near 0");
  assert.throws(() => unitFeatureCorrelation([{ layer: "x", units: 2, values: [1, 2, 3] }], { f: [1, 2] }), /layer x has 3 values, expected characters × units = 2 × 2/);
});
