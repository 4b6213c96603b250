import { test } from "node:test";
import * as assert from "node:assert/strict";
import { saturation } from "../../src/index";

test("saturation counts, per layer, gate and unit, the fraction of steps below 0.1 and above 0.9 (hand count)", () => {
  // 2 samples × 3 steps × 2 units, laid out [sample][t][unit].
  const z = new Float32Array([
    0.05, 0.5, /* s0 t0 */ 0.95, 0.5, /* s0 t1 */ 0.01, 0.91, /* s0 t2 */
    0.1, 0.99, /* s1 t0 */ 0.9, 0.0, /* s1 t1 */ 0.5, 0.92, /* s1 t2 */
  ]);
  const r = new Float32Array(12).fill(0.5);
  r[11] = 0.95;
  const rows = saturation({ layers: [{ layer: "g", cell: "gru", columns: ["z", "r", "hTilde", "h"], shape: [2, 3, 2], goBackwards: false, resetAfter: true, z, r, hTilde: new Float32Array(12), h: new Float32Array(12) }] });
  // unit 0 of z: 0.05, 0.95, 0.01, 0.1, 0.9, 0.5 → below 0.1: 0.05, 0.01 (0.1 is not < 0.1) = 2/6; above 0.9: 0.95 (0.9 is not > 0.9; float32 0.9 ≈ 0.8999999762) = 1/6
  // unit 1 of z: 0.5, 0.5, 0.91, 0.99, 0.0, 0.92 → below: 0.0 = 1/6; above: 0.91, 0.99, 0.92 = 3/6
  // r: unit 0 none; unit 1: 0.95 once = 1/6 right
  assert.deepEqual(rows, [
    { layer: "g", gate: "z", unit: 0, leftFraction: 2 / 6, rightFraction: 1 / 6 },
    { layer: "g", gate: "z", unit: 1, leftFraction: 1 / 6, rightFraction: 3 / 6 },
    { layer: "g", gate: "r", unit: 0, leftFraction: 0, rightFraction: 0 },
    { layer: "g", gate: "r", unit: 1, leftFraction: 0, rightFraction: 1 / 6 },
  ]);
});

test("saturation of an LSTM layer counts i, f and o (not cTilde, c, h); a SimpleRNN layer has no gates", () => {
  // 1 sample × 4 steps × 1 unit.
  const q = (...v: number[]) => new Float32Array(v);
  const rows = saturation({ layers: [
    { layer: "l", cell: "lstm", columns: ["i", "f", "cTilde", "o", "c", "h"], shape: [1, 4, 1], goBackwards: false,
      i: q(0.05, 0.5, 0.5, 0.5), f: q(0.95, 0.99, 0.5, 0.01), o: q(0.5, 0.5, 0.5, 0.5), cTilde: q(-1, -1, -1, -1), c: q(5, 5, 5, 5), h: q(0, 0, 0, 0) },
    { layer: "s", cell: "simpleRnn", columns: ["h"], shape: [1, 4, 1], goBackwards: false, h: q(0.99, 0.99, 0.99, 0.99) },
  ] });
  assert.deepEqual(rows, [
    { layer: "l", gate: "i", unit: 0, leftFraction: 1 / 4, rightFraction: 0 },
    { layer: "l", gate: "f", unit: 0, leftFraction: 1 / 4, rightFraction: 2 / 4 },
    { layer: "l", gate: "o", unit: 0, leftFraction: 0, rightFraction: 0 },
  ]);
});
