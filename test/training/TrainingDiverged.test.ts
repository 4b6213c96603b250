// TrainingDiverged: an Error that says where training diverged, what to do, and which weights the model holds.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { TrainingDiverged } from "../../src/training/TrainingDiverged";

test("names what turned non-finite, the epoch and batch, what to do, and the best epoch whose weights the model holds", () => {
  const e = new TrainingDiverged("loss became NaN", 3, 17, 40, 2);
  assert.ok(e instanceof Error && e instanceof TrainingDiverged);
  assert.equal(e.name, "TrainingDiverged");
  assert.deepEqual([e.what, e.epoch, e.batch, e.batches, e.bestEpoch], ["loss became NaN", 3, 17, 40, 2]);
  assert.equal(e.message, "train: loss became NaN at epoch 3, batch 17/40: training diverged (lower the learning rate or check the inputs for NaN); " +
    "the model holds the weights of epoch 2, the best so far");
  assert.match(String(e), /^TrainingDiverged: train: loss became NaN/);
});

test("before any epoch completed it says the weights are not from a completed epoch", () => {
  assert.match(new TrainingDiverged("a weight became Infinity", 1, 2, 5, 0).message, /at epoch 1, batch 2\/5: .*; no epoch had completed$/);
});
