import { test } from "node:test";
import * as assert from "node:assert/strict";
import { forecastWindows } from "../../src/data/forecastWindows";

const features = [[0], [1], [2], [3], [4], [5], [6]];
const target = [10, 11, 12, 13, 14, 15, 16];

test("forecastWindows pairs each window with the next `horizon` targets", () => {
  const w = forecastWindows(features, target, 2, 3);
  assert.deepEqual(w.origins, [1, 2, 3]);
  assert.deepEqual(w.x, [[[0], [1]], [[1], [2]], [[2], [3]]]);
  assert.deepEqual(w.y, [[12, 13, 14], [13, 14, 15], [14, 15, 16]]);
});

test("forecastWindows keeps every target inside the range and looks back across its start", () => {
  const w = forecastWindows(features, target, 3, 2, { from: 3, to: 6 });
  // targets must lie in rows 3..5: origins 2 (targets 3, 4) and 3 (targets 4, 5)
  assert.deepEqual(w.origins, [2, 3]);
  assert.deepEqual(w.x[0], [[0], [1], [2]]);
  assert.deepEqual(w.y, [[13, 14], [14, 15]]);
  assert.deepEqual(forecastWindows(features, target, 2, 4, { from: 5, to: 7 }).origins, [], "a range shorter than the horizon holds no window");
});

test("forecastWindows copies rows and names bad arguments", () => {
  const w = forecastWindows(features, target, 1, 1);
  w.x[0][0][0] = 99;
  assert.equal(features[0][0], 0);
  assert.throws(() => forecastWindows(features, target, 0, 1), /timesteps must be a positive integer, got 0/);
  assert.throws(() => forecastWindows(features, target, 1, 1.5), /horizon must be a positive integer, got 1.5/);
  assert.throws(() => forecastWindows(features, [1], 1, 1), /7 feature rows but 1 target values/);
});
