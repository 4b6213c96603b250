// historyFrame: the history rows as a DataFrame of the given columns; absent values NaN.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { historyFrame } from "../../src/training/historyFrame";
import type { HistoryRow } from "../../src/training/historyRow";

test("one row per epoch in the given columns; a value a row lacks is NaN", () => {
  const rows: HistoryRow[] = [{ epoch: 1, loss: 0.5, val_loss: NaN, acc: 0.6, seconds: 1.5 }, { epoch: 2, loss: 0.25, val_loss: 0.3, seconds: 1.25 }];
  const frame = historyFrame(rows, ["epoch", "loss", "val_loss", "acc", "seconds"]);
  assert.deepEqual(frame.columns, ["epoch", "loss", "val_loss", "acc", "seconds"]);
  const values = frame.values as number[][];
  assert.deepEqual(values[0].filter((_, j) => j !== 2), [1, 0.5, 0.6, 1.5]);
  assert.ok(Number.isNaN(values[0][2]) && Number.isNaN(values[1][3]));
  assert.deepEqual([values[1][0], values[1][1], values[1][2], values[1][4]], [2, 0.25, 0.3, 1.25]);
});

test("no rows: an empty frame that still has the columns", () => {
  const frame = historyFrame([], ["epoch", "loss"]);
  assert.deepEqual(frame.columns, ["epoch", "loss"]);
  assert.equal(frame.shape[0], 0);
});
