import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { delayedRecall } from "../../src/data/delayedRecall";

test("delayedRecall: shapes, the symbol one-hot at step 0 only, the cue at the last step only, y = that symbol", async () => {
  await tf.setBackend("cpu");
  const data = delayedRecall({ samples: 40, length: 7, symbols: 4, seed: 5 });
  assert.deepEqual(data.x.shape, [40, 7, 5]);
  assert.deepEqual(data.y.shape, [40, 4]);
  const x = data.x.arraySync();
  const y = data.y.arraySync();
  for (let s = 0; s < 40; s++) {
    const symbol = data.labels[s];
    assert.deepEqual(x[s][0], [0, 1, 2, 3].map((k) => (k === symbol ? 1 : 0)).concat([0]));
    for (let t = 1; t < 6; t++) assert.deepEqual(x[s][t], [0, 0, 0, 0, 0], `blank step ${t}`);
    assert.deepEqual(x[s][6], [0, 0, 0, 0, 1]);
    assert.deepEqual(y[s], [0, 1, 2, 3].map((k) => (k === symbol ? 1 : 0)));
  }
  data.dispose();
});

test("delayedRecall: symbols uniform over many samples; a seed reproduces, another differs; bad options named", async () => {
  await tf.setBackend("cpu");
  const n = 16000;
  const big = delayedRecall({ samples: n, length: 3, symbols: 8, seed: 9 });
  const counts = new Array(8).fill(0);
  for (const l of big.labels) counts[l]++;
  for (const c of counts) assert.ok(Math.abs(c - n / 8) < 5 * Math.sqrt(n / 8), `count ${c}`);
  big.dispose();
  const a = delayedRecall({ samples: 50, length: 10, seed: 1 });
  const b = delayedRecall({ samples: 50, length: 10, seed: 1 });
  const c = delayedRecall({ samples: 50, length: 10, seed: 2 });
  assert.deepEqual(a.labels, b.labels);
  assert.deepEqual(a.x.arraySync(), b.x.arraySync());
  assert.notDeepEqual(a.labels, c.labels);
  [a, b, c].forEach((d) => d.dispose());
  assert.throws(() => delayedRecall({ samples: 5, length: 10, symbols: 1 }), /delayedRecall option symbols: 1, expected an integer ≥ 2/);
});
