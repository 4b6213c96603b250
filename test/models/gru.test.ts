import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gru, GrulabGRU, initBackend } from "../../src/index";
import { float64Gru, maxAbsDiff, seededArray } from "../support/float64Gru";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

type Arr3 = number[][][];
const reverseTime = (a: Arr3): Arr3 => a.map((s) => s.slice().reverse());

/** A built layer with the given weights (nested arrays). */
function layerWith(options: Parameters<typeof gru>[0], inputDim: number, weights: unknown[]): GrulabGRU {
  const layer = gru(options);
  layer.build([null, null, inputDim]);
  layer.setWeights(weights.map((w) => tf.tensor(w as number[])));
  return layer;
}

function randomWeights(D: number, H: number, resetAfter: boolean, seed: number) {
  return {
    kernel: seededArray([D, 3 * H], seed, 0.7) as number[][],
    recurrentKernel: seededArray([H, 3 * H], seed + 1, 0.7) as number[][],
    bias: seededArray(resetAfter ? [2, 3 * H] : [3 * H], seed + 2, 0.5) as number[][],
  };
}

// The layer's numbers are checked for the reference implementation (the oracle) and for the fused kernel.
const IMPLEMENTATIONS = ["reference", "fused"] as const;
type Impl = (typeof IMPLEMENTATIONS)[number];

test("resetAfter false: outputs and gradients (input, kernel, recurrentKernel, bias) match tf.layers.gru within 1e-5 (cpu and wasm, reference and fused)", async () => {
  for (const backend of ["cpu", "wasm"]) {
    await initBackend(backend);
    for (const implementation of IMPLEMENTATIONS) parityWithTfjsGru(backend, implementation);
  }
  await initBackend("cpu");
});

function parityWithTfjsGru(backend: string, implementation: Impl): void {
  const [B, T, D, H] = [3, 6, 4, 5];
  const w = randomWeights(D, H, false, 11);
  const xVar = tf.variable(tf.tensor3d(seededArray([B, T, D], 7)), true, `parity_x_${backend}_${implementation}`);
  const c = tf.tensor3d(seededArray([B, T, H], 5));
  const tfjsLayer = tf.layers.gru({ units: H, recurrentActivation: "sigmoid", returnSequences: true });
  tfjsLayer.apply(xVar);
  tfjsLayer.setWeights([tf.tensor(w.kernel), tf.tensor(w.recurrentKernel), tf.tensor(w.bias)]);
  const ours = layerWith({ units: H, resetAfter: false, returnSequences: true, implementation }, D, [w.kernel, w.recurrentKernel, w.bias]);
  const run = (layer: tf.layers.Layer) => {
    const vars = [xVar, ...layer.trainableWeights.map((v) => v.read() as tf.Variable)];
    const out = tf.tidy(() => layer.apply(xVar) as tf.Tensor);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xVar) as tf.Tensor, c)) as tf.Scalar, vars);
    return { out: out.arraySync(), grads: vars.map((v) => grads[v.name].arraySync()) };
  };
  const a = run(tfjsLayer);
  const b = run(ours);
  const outDiff = maxAbsDiff(a.out, b.out);
  const names = ["input", "kernel", "recurrentKernel", "bias"];
  const gradDiffs = names.map((_, i) => maxAbsDiff(a.grads[i], b.grads[i]));
  console.log(`[${backend}, ${implementation}] resetAfter false vs tf.layers.gru: output max abs diff ${outDiff.toExponential(2)}; gradients ${names.map((n, i) => `${n} ${gradDiffs[i].toExponential(2)}`).join(", ")}`);
  assert.ok(outDiff <= 1e-5, `output diff ${outDiff}`);
  gradDiffs.forEach((d, i) => assert.ok(d <= 1e-5, `${names[i]} gradient diff ${d}`));
  // Both also match the float64 equations, and the gradients are not trivially small.
  const f64 = maxAbsDiff(b.out, float64Gru(xVar.arraySync(), w, false).h);
  console.log(`[${backend}, ${implementation}] resetAfter false vs float64 reference: output max abs diff ${f64.toExponential(2)}`);
  assert.ok(f64 <= 1e-5, `float64 diff ${f64}`);
  a.grads.forEach((g, i) => assert.ok(Math.max(...([g].flat(3) as number[]).map(Math.abs)) > 1e-2, `${names[i]} gradient is not trivially small`));
}

test("resetAfter true: output sequence matches a float64 reference of the reset-after equations within 1e-5 (reference and fused)", () => {
  const [B, T, D, H] = [4, 7, 3, 5];
  const w = randomWeights(D, H, true, 21);
  const x = seededArray([B, T, D], 3) as Arr3;
  const h0 = seededArray([B, H], 4, 0.5) as number[][];
  for (const implementation of IMPLEMENTATIONS) {
    const layer = layerWith({ units: H, returnSequences: true, implementation }, D, [w.kernel, w.recurrentKernel, w.bias]);
    const got = tf.tidy(() => (layer.apply(tf.tensor3d(x), { initialState: [tf.tensor2d(h0)] }) as tf.Tensor).arraySync());
    const diff = maxAbsDiff(got, float64Gru(x, w, true, h0).h);
    console.log(`[${implementation}] resetAfter true vs float64 reference: output max abs diff ${diff.toExponential(2)}`);
    assert.ok(diff <= 1e-5, `${implementation} diff ${diff}`);
  }
  // The two conventions really differ on these weights (the test can tell them apart).
  assert.ok(maxAbsDiff(float64Gru(x, { ...w, bias: w.bias[0] }, false, h0).h, float64Gru(x, { ...w, bias: [w.bias[0], w.bias[0].map(() => 0)] }, true, h0).h) > 1e-3);
});

test("resetAfter true: gradients of the layer match float64 central differences of the reference (tiny case; reference and fused)", () => {
  // Float64 central differences with eps 1e-6 are exact to ~1e-9 (truncation O(eps²), rounding
  // ~1e-16/eps); the layer's float32 autograd rounds at ~1e-7 per op over a few dozen ops, so
  // 1e-5 bounds honest float32 error while any wrong term (O(0.1) here) fails.
  const [B, T, D, H] = [2, 3, 2, 2];
  const w = randomWeights(D, H, true, 31);
  const x = seededArray([B, T, D], 8) as Arr3;
  const c = seededArray([B, T, H], 9) as Arr3;
  const loss = (xs: Arr3, ws: typeof w) => {
    const h = float64Gru(xs, ws, true).h;
    let s = 0;
    h.forEach((sb, b) => sb.forEach((st, t) => st.forEach((v, j) => (s += v * c[b][t][j]))));
    return s;
  };
  const eps = 1e-6;
  const fd = (get: () => number[][] | Arr3, flat: (a: any) => number[], setAt: (i: number, delta: number) => void) => {
    const n = flat(get()).length;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      setAt(i, eps);
      const up = loss(x, w);
      setAt(i, -2 * eps);
      const down = loss(x, w);
      setAt(i, eps);
      out.push((up - down) / (2 * eps));
    }
    return out;
  };
  const nudge = (arr: any, i: number, delta: number) => {
    const rowLen = Array.isArray(arr[0]) ? arr[0].length : 0;
    if (Array.isArray(arr[0]) && Array.isArray(arr[0][0])) {
      const inner = arr[0][0].length;
      const per = arr[0].length * inner;
      arr[Math.floor(i / per)][Math.floor((i % per) / inner)][i % inner] += delta;
    } else if (rowLen) arr[Math.floor(i / rowLen)][i % rowLen] += delta;
    else arr[i] += delta;
  };
  const flat = (a: any) => [a].flat(3) as number[];
  const numeric = [
    fd(() => x, flat, (i, d) => nudge(x, i, d)),
    fd(() => w.kernel, flat, (i, d) => nudge(w.kernel, i, d)),
    fd(() => w.recurrentKernel, flat, (i, d) => nudge(w.recurrentKernel, i, d)),
    fd(() => w.bias, flat, (i, d) => nudge(w.bias, i, d)),
  ];
  const cT = tf.tensor3d(c);
  for (const implementation of IMPLEMENTATIONS) {
    const layer = layerWith({ units: H, returnSequences: true, implementation }, D, [w.kernel, w.recurrentKernel, w.bias]);
    const xVar = tf.variable(tf.tensor3d(x), true, `fd_x_${implementation}`);
    const vars = [xVar, ...layer.trainableWeights.map((v) => v.read() as tf.Variable)];
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xVar) as tf.Tensor, cT)) as tf.Scalar, vars);
    const names = ["input", "kernel", "recurrentKernel", "bias"];
    const diffs = vars.map((v, i) => maxAbsDiff(Array.from(grads[v.name].dataSync()), numeric[i]));
    console.log(`[${implementation}] resetAfter true, finite differences vs tf gradients: ${names.map((n, i) => `${n} ${diffs[i].toExponential(2)}`).join(", ")}`);
    diffs.forEach((d, i) => assert.ok(d <= 1e-5, `${implementation} ${names[i]} gradient diff ${d}`));
  }
  assert.ok(Math.max(...numeric.flat().map(Math.abs)) > 0.05, "the gradients are not trivially small");
});

test("goBackwards processes the reversed sequence and returns the outputs in processing order (as Keras)", () => {
  const [B, T, D, H] = [2, 5, 3, 4];
  const w = randomWeights(D, H, true, 41);
  const x = seededArray([B, T, D], 12) as Arr3;
  const seq = layerWith({ units: H, goBackwards: true, returnSequences: true }, D, [w.kernel, w.recurrentKernel, w.bias]);
  const last = layerWith({ units: H, goBackwards: true }, D, [w.kernel, w.recurrentKernel, w.bias]);
  const expected = float64Gru(reverseTime(x), w, true).h;
  const gotSeq = tf.tidy(() => (seq.apply(tf.tensor3d(x)) as tf.Tensor).arraySync());
  const gotLast = tf.tidy(() => (last.apply(tf.tensor3d(x)) as tf.Tensor).arraySync());
  assert.ok(maxAbsDiff(gotSeq, expected) <= 1e-5);
  assert.ok(maxAbsDiff(gotLast, expected.map((s) => s[T - 1])) <= 1e-5);
  // and it is not the forward run
  assert.ok(maxAbsDiff(gotSeq, float64Gru(x, w, true).h) > 1e-3);
});

test("returnState returns [output, final state]; initialState works given concretely and symbolically", () => {
  const [B, T, D, H] = [3, 4, 2, 3];
  const w = randomWeights(D, H, true, 51);
  const x = seededArray([B, T, D], 13) as Arr3;
  const h0 = seededArray([B, H], 14) as number[][];
  const expected = float64Gru(x, w, true, h0).h;
  const layer = layerWith({ units: H, returnSequences: true, returnState: true }, D, [w.kernel, w.recurrentKernel, w.bias]);
  const [out, state] = tf.tidy(() => (layer.apply(tf.tensor3d(x), { initialState: tf.tensor2d(h0) }) as tf.Tensor[]).map((t) => t.arraySync())) as [Arr3, number[][]];
  assert.ok(maxAbsDiff(out, expected) <= 1e-5);
  assert.ok(maxAbsDiff(state, expected.map((s) => s[T - 1])) <= 1e-5);
  assert.deepEqual(layer.computeOutputShape([null, T, D]), [[null, T, H], [null, H]]);

  // A functional model whose GRU starts from a second model input.
  const xIn = tf.input({ shape: [T, D] });
  const hIn = tf.input({ shape: [H] });
  const g = gru({ units: H, returnSequences: true });
  const model = tf.model({ inputs: [xIn, hIn], outputs: g.apply(xIn, { initialState: hIn }) as tf.SymbolicTensor });
  g.setWeights([tf.tensor(w.kernel), tf.tensor(w.recurrentKernel), tf.tensor(w.bias)]);
  const pred = tf.tidy(() => (model.predict([tf.tensor3d(x), tf.tensor2d(h0)]) as tf.Tensor).arraySync());
  assert.ok(maxAbsDiff(pred, expected) <= 1e-5);
  const zerosStart = float64Gru(x, w, true).h;
  assert.ok(maxAbsDiff(pred, zerosStart) > 1e-3, "the initial state changes the outputs");
});

test("dropout acts only in training, with one input mask per sequence fixed across time and shared by the gates (Keras)", () => {
  // 8 samples × 3 features: the chance that dropout (rate 0.5) keeps every input is 2⁻²⁴.
  const [B, T, D, H] = [8, 5, 3, 2];
  const w = randomWeights(D, H, true, 61);
  const x = seededArray([B, T, D], 15) as Arr3;
  const layer = layerWith({ units: H, returnSequences: true, dropout: 0.5 }, D, [w.kernel, w.recurrentKernel, w.bias]);
  const plain = float64Gru(x, w, true).h;
  const inference = tf.tidy(() => (layer.apply(tf.tensor3d(x)) as tf.Tensor).arraySync()) as Arr3;
  assert.ok(maxAbsDiff(inference, plain) <= 1e-5, "no dropout at inference");
  const trained = tf.tidy(() => (layer.apply(tf.tensor3d(x), { training: true }) as tf.Tensor).arraySync()) as Arr3;
  // Each sample's training output equals the GRU on x ⊙ m for one of the 2^D masks m ∈ {0, 1/(1−0.5)}^D, the same at every step.
  let dropped = 0;
  for (let b = 0; b < B; b++) {
    const matches = [];
    for (let bits = 0; bits < 2 ** D; bits++) {
      const m = Array.from({ length: D }, (_, d) => ((bits >> d) & 1 ? 2 : 0));
      const h = float64Gru([x[b].map((row) => row.map((v, d) => v * m[d]))], w, true).h[0];
      if (maxAbsDiff(h, trained[b]) <= 1e-5) matches.push(bits);
    }
    assert.equal(matches.length, 1, `sample ${b}: exactly one time-fixed input mask explains the output`);
    if (matches[0] !== 2 ** D - 1) dropped++;
  }
  assert.ok(dropped > 0, "some inputs were dropped");
});

test("recurrentDropout multiplies h(t−1) by one mask per sequence, fixed across time, only in training (Keras)", () => {
  const [B, T, D, H] = [4, 5, 2, 2];
  const w = randomWeights(D, H, true, 71);
  const x = seededArray([B, T, D], 16) as Arr3;
  const layer = layerWith({ units: H, returnSequences: true, recurrentDropout: 0.5 }, D, [w.kernel, w.recurrentKernel, w.bias]);
  const inference = tf.tidy(() => (layer.apply(tf.tensor3d(x)) as tf.Tensor).arraySync()) as Arr3;
  assert.ok(maxAbsDiff(inference, float64Gru(x, w, true).h) <= 1e-5, "no dropout at inference");
  const trained = tf.tidy(() => (layer.apply(tf.tensor3d(x), { training: true }) as tf.Tensor).arraySync()) as Arr3;
  for (let b = 0; b < B; b++) {
    const matches = [];
    for (let bits = 0; bits < 2 ** H; bits++) {
      const m = Array.from({ length: H }, (_, k) => ((bits >> k) & 1 ? 2 : 0));
      const h = float64Gru([x[b]], w, true, undefined, [m]).h[0];
      if (maxAbsDiff(h, trained[b]) <= 1e-5) matches.push(bits);
    }
    assert.equal(matches.length, 1, `sample ${b}: exactly one time-fixed recurrent mask explains the output`);
  }
});

test("bad options throw errors that name the option", () => {
  assert.throws(() => gru({ units: 0 }), /units: 0, expected a positive integer/);
  assert.throws(() => gru({ units: 4, dropout: 1 }), /dropout: 1, expected a number in \[0, 1\)/);
  assert.throws(() => gru({ units: 4, recurrentDropout: -0.1 }), /recurrentDropout/);
  assert.throws(() => gru({ units: 4, activation: "tanhh" }), /option activation: unknown activation "tanhh"/);
  assert.throws(() => gru({ units: 4, recurrentActivation: "sigmod" }), /option recurrentActivation/);
  assert.throws(() => gru({ units: 4, kernelInitializer: "glorot" }), /option kernelInitializer: unknown initializer "glorot"/);
  assert.throws(() => gru({ units: 4, implementation: "fast" as never }), /option implementation: "fast"/);
  assert.throws(() => gru({ units: 4, implementation: "fused", recurrentActivation: "hardSigmoid" }).apply(tf.zeros([1, 2, 3])),
    /recurrentActivation "hardSigmoid" are not supported/);
});

test("regularizers add their penalty to the layer's losses (l2 · Σ w²), as in Keras", () => {
  const [D, H] = [3, 2];
  const w = randomWeights(D, H, true, 81);
  const layer = layerWith({ units: H, kernelRegularizer: tf.regularizers.l2({ l2: 0.5 }), recurrentRegularizer: "l1l2" }, D, [w.kernel, w.recurrentKernel, w.bias]);
  const losses = layer.losses.map((f) => (f() as tf.Scalar).arraySync());
  assert.equal(losses.length, 2);
  const sumSq = (m: number[][]) => m.flat().reduce((s, v) => s + v * v, 0);
  const sumAbs = (m: number[][]) => m.flat().reduce((s, v) => s + Math.abs(v), 0);
  assert.ok(Math.abs(losses[0] - 0.5 * sumSq(w.kernel)) < 1e-4);
  // tfjs's "l1l2" identifier defaults: l1 = 0.01, l2 = 0.01
  assert.ok(Math.abs(losses[1] - (0.01 * sumAbs(w.recurrentKernel) + 0.01 * sumSq(w.recurrentKernel))) < 1e-4);
});

test("initializers named by string resolve to registered classes: 'orthogonal' (the default) is grulab's fast FastOrthogonal", () => {
  const layer = gru({ units: 6 });
  layer.build([null, null, 3]);
  const c = layer.getConfig() as Record<string, any>;
  assert.equal(c.recurrentInitializer.className, "GrulabOrthogonal");
  const u = layer.getWeights()[1];
  const uut = tf.matMul(u, u, false, true).arraySync() as number[][];
  uut.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-5, "orthonormal rows")));
  const explicit = gru({ units: 4, recurrentInitializer: "orthogonal", kernelInitializer: "heNormal" });
  const names = (explicit as unknown as { objects: Record<string, object> }).objects;
  assert.equal(names.recurrentInitializer.constructor.name, "FastOrthogonal");
  assert.equal((names.kernelInitializer as unknown as { getClassName(): string }).getClassName(), "VarianceScaling");
  // A model.json saved before GrulabOrthogonal existed names tfjs's "Orthogonal": grulab's GRU still builds the fast one.
  const saved = gru({ units: 4, recurrentInitializer: { className: "Orthogonal", config: { gain: 1, seed: 3 } } });
  assert.equal((saved as unknown as { objects: Record<string, object> }).objects.recurrentInitializer.constructor.name, "FastOrthogonal");
});
