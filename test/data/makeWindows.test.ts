import { test } from "node:test";
import * as assert from "node:assert/strict";
import { makeWindows } from "../../src/index";

// A hand-made frame: day d has features [d, 10·d] and class label d % 3.
const features = [[0, 0], [1, 10], [2, 20], [3, 30], [4, 40], [5, 50]];
const labels = [0, 1, 2, 0, 1, 2];

test("makeWindows pairs each run of `timesteps` days with the next day's label", () => {
  const w = makeWindows(features, labels, 3);
  assert.deepEqual(w.x, [
    [[0, 0], [1, 10], [2, 20]],
    [[1, 10], [2, 20], [3, 30]],
    [[2, 20], [3, 30], [4, 40]],
  ]);
  assert.deepEqual(w.y, [0, 1, 2]); // labels of days 3, 4, 5
  assert.deepEqual(w.targetRows, [3, 4, 5]);
});

test("makeWindows with a target range keeps only labels inside it, looking back across its start", () => {
  const w = makeWindows(features, labels, 2, { from: 4, to: 6 });
  assert.deepEqual(w.x, [[[2, 20], [3, 30]], [[3, 30], [4, 40]]]);
  assert.deepEqual(w.y, [1, 2]);
  assert.deepEqual(w.targetRows, [4, 5]);
});

test("makeWindows copies rows (mutating a window leaves the frame alone)", () => {
  const w = makeWindows(features, labels, 1);
  w.x[0][0][0] = 99;
  assert.equal(features[0][0], 0);
});

test("makeWindows rejects a bad timesteps and mismatched lengths", () => {
  assert.throws(() => makeWindows(features, labels, 0), /timesteps must be a positive integer, got 0/);
  assert.throws(() => makeWindows(features, [1, 2], 2), /6 feature rows but 2 labels/);
  assert.deepEqual(makeWindows(features, labels, 6).x, []);
});
