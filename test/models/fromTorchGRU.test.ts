import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fromTorchGRU, gru, initBackend } from "../../src/index";
import { maxAbsDiff, seededArray } from "../support/float64Gru";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

const [D, H] = [3, 2];
// PyTorch's row blocks: gate g ∈ {r: 0, z: 1, n: 2}; entry = 100·(block constant) + 10·row + column, all distinct.
const BLOCK = { ih: [1, 2, 3], hh: [4, 5, 6], bih: [7, 8, 9], bhh: [10, 11, 12] };
const torchMatrix = (consts: number[], cols: number) =>
  Array.from({ length: 3 * H }, (_, row) => Array.from({ length: cols }, (_, c) => 100 * consts[Math.floor(row / H)] + 10 * (row % H) + c));
const torchVector = (consts: number[]) => Array.from({ length: 3 * H }, (_, i) => 100 * consts[Math.floor(i / H)] + (i % H));
const handMade = () => ({
  weight_ih_l0: torchMatrix(BLOCK.ih, D),
  weight_hh_l0: torchMatrix(BLOCK.hh, H),
  bias_ih_l0: torchVector(BLOCK.bih),
  bias_hh_l0: torchVector(BLOCK.bhh),
});

test("fromTorchGRU puts each PyTorch gate block (r | z | n rows) where Keras wants it (z | r | h columns, transposed)", () => {
  const [kernel, recurrentKernel, bias] = fromTorchGRU(handMade()).map((t) => t.arraySync()) as [number[][], number[][], number[][]];
  assert.equal(kernel.length, D);
  assert.equal(kernel[0].length, 3 * H);
  // Keras block k (z=0, r=1, h=2) comes from PyTorch block (z=1, r=0, n=2).
  const torchBlockOf = [1, 0, 2];
  for (let k = 0; k < 3; k++) {
    for (let j = 0; j < H; j++) {
      const tb = torchBlockOf[k];
      for (let d = 0; d < D; d++) assert.equal(kernel[d][k * H + j], 100 * BLOCK.ih[tb] + 10 * j + d, `kernel[${d}][${k * H + j}]`);
      for (let i = 0; i < H; i++) assert.equal(recurrentKernel[i][k * H + j], 100 * BLOCK.hh[tb] + 10 * j + i, `recurrentKernel[${i}][${k * H + j}]`);
      assert.equal(bias[0][k * H + j], 100 * BLOCK.bih[tb] + j);
      assert.equal(bias[1][k * H + j], 100 * BLOCK.bhh[tb] + j);
    }
  }
  // Round trip: written back in PyTorch's layout by the inverse mapping, the state dict is unchanged.
  const back = (kerasCols: number[][]) => {
    const rows = kerasCols[0].map((_, c) => kerasCols.map((r) => r[c])); // transpose → [3H][n]
    return [...rows.slice(H, 2 * H), ...rows.slice(0, H), ...rows.slice(2 * H)]; // z | r | h → r | z | n
  };
  const backVec = (v: number[]) => [...v.slice(H, 2 * H), ...v.slice(0, H), ...v.slice(2 * H)];
  const sd = handMade();
  assert.deepEqual(back(kernel), sd.weight_ih_l0);
  assert.deepEqual(back(recurrentKernel), sd.weight_hh_l0);
  assert.deepEqual(backVec(bias[0]), sd.bias_ih_l0);
  assert.deepEqual(backVec(bias[1]), sd.bias_hh_l0);
});

test("with imported weights the layer matches PyTorch's nn.GRU equations (float64, written here) within 1e-5", () => {
  const [B, T] = [3, 5];
  const sd = {
    weight_ih_l0: seededArray([3 * H, D], 1, 0.8) as number[][],
    weight_hh_l0: seededArray([3 * H, H], 2, 0.8) as number[][],
    bias_ih_l0: seededArray([3 * H], 3, 0.5) as number[],
    bias_hh_l0: seededArray([3 * H], 4, 0.5) as number[],
  };
  const x = seededArray([B, T, D], 5) as number[][][];
  // PyTorch docs: r = σ(W_ir x + b_ir + W_hr h + b_hr); z = σ(W_iz x + b_iz + W_hz h + b_hz);
  // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); h' = (1 − z) ⊙ n + z ⊙ h. Rows: r | z | n.
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const row = (m: number[][], r: number, v: number[]) => m[r].reduce((s, w, i) => s + w * v[i], 0);
  const expected = x.map((seq) => {
    let h = new Array(H).fill(0);
    return seq.map((xt) => {
      const gi = (g: number, j: number) => row(sd.weight_ih_l0, g * H + j, xt) + sd.bias_ih_l0[g * H + j];
      const gh = (g: number, j: number) => row(sd.weight_hh_l0, g * H + j, h) + sd.bias_hh_l0[g * H + j];
      h = h.map((hj, j) => {
        const r = sig(gi(0, j) + gh(0, j));
        const z = sig(gi(1, j) + gh(1, j));
        const n = Math.tanh(gi(2, j) + r * gh(2, j));
        return (1 - z) * n + z * hj;
      });
      return h;
    });
  });
  const layer = gru({ units: H, returnSequences: true });
  layer.build([null, null, D]);
  const weights = fromTorchGRU(Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, tf.tensor(v)])));
  layer.setWeights(weights);
  tf.dispose(weights);
  const got = tf.tidy(() => (layer.apply(tf.tensor3d(x)) as tf.Tensor).arraySync());
  const diff = maxAbsDiff(got, expected);
  console.log(`fromTorchGRU weights vs PyTorch-formula float64 reference: max abs diff ${diff.toExponential(2)}`);
  assert.ok(diff <= 1e-5, `diff ${diff}`);
});

test("fromTorchGRU reads other layers, reverse directions and prefixes, and bias-free GRUs", () => {
  const sd = handMade();
  const renamed = Object.fromEntries(Object.entries(sd).map(([k, v]) => [`rnn.${k.replace("_l0", "_l1_reverse")}`, v]));
  const a = fromTorchGRU(renamed, { prefix: "rnn.", layer: 1, reverse: true }).map((t) => t.arraySync());
  const b = fromTorchGRU(sd).map((t) => t.arraySync());
  assert.deepEqual(a, b);
  const noBias = fromTorchGRU({ weight_ih_l0: sd.weight_ih_l0, weight_hh_l0: sd.weight_hh_l0 });
  assert.equal(noBias.length, 2);
});

test("fromTorchGRU errors name the key and the expected shape", () => {
  const sd = handMade();
  const { weight_ih_l0: _drop, ...missing } = sd;
  assert.throws(() => fromTorchGRU(missing), /no key "weight_ih_l0"/);
  assert.throws(() => fromTorchGRU({ ...sd, weight_hh_l0: [[1, 2, 3]] }), /weight_hh_l0 has shape \[1, 3\], expected \[3·hidden, hidden\]/);
  assert.throws(() => fromTorchGRU({ ...sd, weight_ih_l0: torchMatrix(BLOCK.ih, D).slice(1) }), /weight_ih_l0 has shape \[5, 3\], expected \[6, inputSize\]/);
  assert.throws(() => fromTorchGRU({ ...sd, bias_hh_l0: [1, 2, 3] }), /bias_hh_l0 has shape \[3\], expected \[6\]/);
  const { bias_hh_l0: _b, ...oneBias } = sd;
  assert.throws(() => fromTorchGRU(oneBias), /only one of bias_ih_l0 and bias_hh_l0/);
  assert.throws(() => fromTorchGRU({ ...sd, weight_ih_l0: [[1, 2], [3]] as number[][] }), /weight_ih_l0: not a rectangular numeric array: \[1\] has 1 entries, expected 2/);
  assert.throws(() => fromTorchGRU({ ...sd, bias_ih_l0: [1, 2, 3, 4, 5, null] as unknown as number[] }), /bias_ih_l0: value at \[5\] is null, expected a finite number/);
});

test("fromTorchGRU rejects a missing state dict and NaN/Inf inside tensors or arrays with clear messages", () => {
  const sd = handMade();
  for (const [value, got] of [[null, "null"], [undefined, "undefined"], [[1, 2], "an array"], ["gru.json", "string"]] as const) {
    assert.throws(() => fromTorchGRU(value as unknown as Record<string, number[]>), new RegExp(`fromTorchGRU: expected a state dict \\(an object with weight_ih_l0.*\\), got ${got}$`));
  }
  const before = tf.memory().numTensors;
  const nanBias = [...(sd.bias_ih_l0 as number[])];
  nanBias[2] = NaN;
  assert.throws(() => fromTorchGRU({ ...sd, bias_ih_l0: nanBias }), /fromTorchGRU: bias_ih_l0: value at \[2\] is NaN, expected a finite number/);
  const w = tf.tensor2d(sd.weight_hh_l0 as number[][]);
  const b = w.bufferSync();
  b.set(-Infinity, 4, 1);
  const bad = b.toTensor();
  assert.throws(() => fromTorchGRU({ ...sd, weight_hh_l0: bad }), /fromTorchGRU: weight_hh_l0: value at \[4\]\[1\] is -Infinity/);
  tf.dispose([w, bad]);
  assert.equal(tf.memory().numTensors, before);
});
