import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { addingProblem } from "../../src/data/addingProblem";

test("addingProblem: shapes, two markers per sequence (one in each half), target = sum of the marked values", async () => {
  await tf.setBackend("cpu");
  const data = addingProblem({ samples: 64, length: 11, seed: 3 });
  assert.deepEqual(data.x.shape, [64, 11, 2]);
  assert.deepEqual(data.y.shape, [64, 1]);
  const x = data.x.arraySync();
  const y = data.y.arraySync();
  for (let s = 0; s < 64; s++) {
    const marked = x[s].map((step, t) => (step[1] === 1 ? t : -1)).filter((t) => t >= 0);
    assert.equal(x[s].filter((step) => step[1] !== 0 && step[1] !== 1).length, 0, "marker channel holds only 0 and 1");
    assert.equal(marked.length, 2, `sequence ${s} has two markers`);
    assert.ok(marked[0] < 5 && marked[1] >= 5, `sequence ${s}: markers ${marked} in halves [0,5) and [5,11)`);
    assert.deepEqual(marked, data.markers[s]);
    assert.ok(Math.abs(y[s][0] - (x[s][marked[0]][0] + x[s][marked[1]][0])) < 1e-6);
    for (const step of x[s]) assert.ok(step[0] >= 0 && step[0] < 1);
  }
  data.dispose();
});

test("addingProblem: the target's mean ≈ 1 and variance ≈ 1/6; markers cover both halves uniformly", async () => {
  await tf.setBackend("cpu");
  const n = 20000;
  const data = addingProblem({ samples: n, length: 20, seed: 7 });
  const y = Array.from(data.y.dataSync());
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  // Standard errors: sd/√n ≈ 0.003 for the mean, ≈ 0.001 for the variance; 5 of them allowed.
  assert.ok(Math.abs(mean - 1) < 0.015, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 6) < 0.006, `variance ${variance}`);
  const counts = new Array(20).fill(0);
  for (const [a, b] of data.markers) { counts[a]++; counts[b]++; }
  for (let t = 0; t < 20; t++) assert.ok(Math.abs(counts[t] - n / 10) < 5 * Math.sqrt(n / 10), `step ${t} marked ${counts[t]} times`);
  data.dispose();
});

test("addingProblem: a seed reproduces, another seed differs; bad options are named", async () => {
  await tf.setBackend("cpu");
  const a = addingProblem({ samples: 8, length: 30, seed: 1 });
  const b = addingProblem({ samples: 8, length: 30, seed: 1 });
  const c = addingProblem({ samples: 8, length: 30, seed: 2 });
  assert.deepEqual(a.x.arraySync(), b.x.arraySync());
  assert.deepEqual(a.y.arraySync(), b.y.arraySync());
  assert.notDeepEqual(a.x.arraySync(), c.x.arraySync());
  [a, b, c].forEach((d) => d.dispose());
  assert.throws(() => addingProblem({ samples: 8, length: 1 }), /addingProblem option length: 1, expected an integer ≥ 2/);
  assert.throws(() => addingProblem({ samples: 0, length: 10 }), /addingProblem option samples: 0/);
});
