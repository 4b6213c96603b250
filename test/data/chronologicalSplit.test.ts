import { test } from "node:test";
import * as assert from "node:assert/strict";
import { chronologicalSplit } from "../../src/index";

test("chronologicalSplit gives consecutive ranges, earliest rows to train", () => {
  assert.deepEqual(chronologicalSplit(100, { validation: 0.15, test: 0.15 }), {
    train: { from: 0, to: 70 }, validation: { from: 70, to: 85 }, test: { from: 85, to: 100 },
  });
  // 1461 days: round(219.15) = 219 test and validation days, 1023 training days.
  const s = chronologicalSplit(1461, { validation: 0.15, test: 0.15 });
  assert.deepEqual([s.train.to, s.validation.to - s.validation.from, s.test.to - s.test.from], [1023, 219, 219]);
});

test("chronologicalSplit rejects fractions that leave no training rows", () => {
  assert.throws(() => chronologicalSplit(10, { validation: 0.5, test: 0.5 }), /validation \+ test fractions must be < 1/);
  assert.throws(() => chronologicalSplit(10, { validation: -0.1, test: 0.1 }), /validation fraction must be in \[0, 1\)/);
  assert.throws(() => chronologicalSplit(2, { validation: 0.45, test: 0.45 }), /leave no training rows/);
});
