import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fitLogisticRegression, fitLogisticRegressionAsync } from "../../src/baselines/logisticRegression";
import { seededRandom } from "../../src/util/seededRandom";

// A three-class problem with overlapping classes (so the optimum is finite even with a tiny L2).
function problem(seed: number, n: number, d: number) {
  const r = seededRandom(seed);
  const x: number[][] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x.push(Array.from({ length: d }, (_, j) => (j === c ? 1 : 0) + 2 * (r() - 0.5)));
    y.push(c);
  }
  return { x, y };
}

/** The objective's gradient in float64, written independently of the fit (plain loops over classes). */
function gradient(x: number[][], y: number[], k: number, w: Float64Array, b: Float64Array, l2: number): number[] {
  const d = x[0].length, n = x.length;
  const g = new Array((d + 1) * k).fill(0);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: k }, (_, c) => b[c] + x[i].reduce((s, v, j) => s + v * w[j * k + c], 0));
    const m = Math.max(...z);
    const p = z.map((v) => Math.exp(v - m));
    const sum = p.reduce((s, v) => s + v, 0);
    for (let c = 0; c < k; c++) {
      const r = p[c] / sum - (y[i] === c ? 1 : 0);
      for (let j = 0; j < d; j++) g[j * k + c] += r * x[i][j] / n;
      g[d * k + c] += r / n;
    }
  }
  for (let q = 0; q < d * k; q++) g[q] += l2 * w[q];
  return g;
}

test("fitLogisticRegression reaches the optimum: an independent gradient vanishes there, for several l2", () => {
  const { x, y } = problem(1, 300, 6);
  for (const l2 of [1e-4, 1e-2, 1]) {
    const lr = fitLogisticRegression(x, y, 3, { l2 });
    const g = gradient(x, y, 3, lr.weights, lr.biases, l2);
    assert.ok(Math.max(...g.map(Math.abs)) < 2e-6, `l2 ${l2}: gradient ${Math.max(...g.map(Math.abs))}`);
    assert.ok(lr.gradientMax < 1e-6); // the default tolerance
  }
});

test("fitLogisticRegression: a larger l2 shrinks the weights; the answer does not depend on the start", () => {
  const { x, y } = problem(2, 240, 4);
  const small = fitLogisticRegression(x, y, 3, { l2: 1e-3, tolerance: 1e-9 });
  const large = fitLogisticRegression(x, y, 3, { l2: 1 });
  const norm = (w: Float64Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  assert.ok(norm(large.weights) < 0.5 * norm(small.weights));
  const warm = fitLogisticRegression(x, y, 3, { l2: 1e-3, start: large, tolerance: 1e-9 });
  for (let q = 0; q < small.weights.length; q++) assert.ok(Math.abs(warm.weights[q] - small.weights[q]) < 1e-5);
});

test("fitLogisticRegression predicts: probabilities sum to 1, and it separates a simple problem", () => {
  const lr = fitLogisticRegression([[0], [1], [2], [3]], [0, 0, 1, 1], 2, { l2: 0.01 });
  assert.deepEqual(lr.predict([[0.2], [2.8]]), [0, 1]);
  for (const p of lr.predictProbabilities([[1.5], [10]])) assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-12);
});

test("fitLogisticRegression names bad input", () => {
  assert.throws(() => fitLogisticRegression([[0], [1, 2]], [0, 1], 2), /row 1 has 2 values, expected 1/);
  assert.throws(() => fitLogisticRegression([[0], [NaN]], [0, 1], 2), /row 1 value 0 is NaN/);
  assert.throws(() => fitLogisticRegression([[0], [1]], [0, 2], 2), /label 1 is 2, expected an integer in \[0, 2\)/);
  assert.throws(() => fitLogisticRegression([[0], [1]], [0, 1], 2, { l2: -1 }), /option l2 is -1/);
  assert.throws(() => fitLogisticRegression([[0], [1]], [0, 1], 2, { maxIterations: 1, l2: 1e-9 }), /no convergence in 1 iterations/);
});

test("fitLogisticRegressionAsync and flat rows give the synchronous fit bit for bit; every iteration is reported", async () => {
  const { x, y } = problem(3, 5000, 12); // 5,000 rows: three pauses per evaluation
  const sync = fitLogisticRegression(x, y, 3, { l2: 1e-3 });
  const flat = { values: Float64Array.from(x.flat()), features: 12 };
  const progress: Array<{ iteration: number; objective: number; gradientMax: number }> = [];
  const sliced = await fitLogisticRegressionAsync(flat, y, 3, { l2: 1e-3, onIteration: (p) => progress.push(p) });
  assert.deepEqual([Array.from(sliced.weights), Array.from(sliced.biases), sliced.objective, sliced.gradientMax, sliced.iterations],
    [Array.from(sync.weights), Array.from(sync.biases), sync.objective, sync.gradientMax, sync.iterations]);
  assert.deepEqual(progress.map((p) => p.iteration), Array.from({ length: sync.iterations }, (_, i) => i + 1));
  assert.equal(progress[progress.length - 1].objective, sync.objective);
  assert.equal(progress[progress.length - 1].gradientMax, sync.gradientMax);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].objective <= progress[i - 1].objective, `objective rises at iteration ${i + 1}`);
  assert.deepEqual(sliced.predictProbabilities(flat), sync.predictProbabilities(x));
  assert.deepEqual(fitLogisticRegression(flat, y, 3, { l2: 1e-3 }).weights, sync.weights);
  assert.throws(() => fitLogisticRegression({ values: new Float64Array(7), features: 2 }, [0, 1, 0], 2), /7 values in rows of 2 features: expected a whole number of rows/);
  assert.throws(() => fitLogisticRegression({ values: new Float64Array([0, NaN]), features: 1 }, [0, 1], 2), /row 1 value 0 is NaN/);
  assert.throws(() => sliced.predict({ values: new Float64Array(6), features: 6 }), /rows of 6 values, expected 12/);
});

test("fitLogisticRegressionAsync stops within a slice once aborted, mid-fit, and lets timers run meanwhile", async () => {
  const { x, y } = problem(4, 60_000, 40); // ~a second or more per few iterations
  const flat = { values: Float64Array.from(x.flat()), features: 40 };
  const controller = new AbortController();
  let iterations = 0, ticks = 0;
  const timer = setInterval(() => ticks++, 25);
  setTimeout(() => controller.abort(new Error("SIGINT during baselines")), 400);
  const t0 = Date.now();
  await assert.rejects(fitLogisticRegressionAsync(flat, y, 3, { l2: 1e-6, tolerance: 1e-12, signal: controller.signal, onIteration: (p) => { iterations = p.iteration; } }), /SIGINT during baselines/);
  clearInterval(timer);
  const took = Date.now() - t0;
  assert.ok(took < 1500, `stopped ${took} ms after the start (abort at 400 ms, slices of ~100 ms)`);
  assert.ok(ticks >= 4, `a 25 ms timer ran ${ticks} times during the fit`);
  assert.ok(iterations < 3000, `${iterations} iterations before the abort`);
});
