import { test } from "node:test";
import * as assert from "node:assert/strict";
import { chooseLearningRate, type LearningRateTrial } from "../../src/sweeps/gruVsLstmLearningRate";

const trial = (learningRate: number, valLoss: number, updatesToSolve: number | null = null, errorAtSolve: number | null = null): LearningRateTrial =>
  ({ learningRate, valLoss, solved: updatesToSolve !== null, updatesToSolve, errorAtSolve });

test("chooseLearningRate val-loss: the lowest validation loss, the earlier trial on a tie (the 600-update study's rule)", () => {
  assert.equal(chooseLearningRate([trial(0.001, 0.2), trial(0.003, 0.05, 500, 0.01), trial(0.01, 0.1, 100, 0.015)], "val-loss"), 0.003);
  assert.equal(chooseLearningRate([trial(0.001, 0.1), trial(0.01, 0.1)], "val-loss"), 0.001);
});

test("chooseLearningRate solved-fastest: solved before unsolved, fewest updates to solve, then the error at the solve; unsolved by validation loss", () => {
  // A stopped solved trial's val_loss is that at its stop: it must not decide against a faster one.
  assert.equal(chooseLearningRate([trial(0.001, 0.2), trial(0.003, 0.005, 500, 0.01), trial(0.01, 0.015, 100, 0.015)], "solved-fastest"), 0.01);
  // Recall: cross-entropy can be lower on an unsolved trial than on a solved one.
  assert.equal(chooseLearningRate([trial(0.001, 0.5), trial(0.01, 0.9, 600, 0.08)], "solved-fastest"), 0.01);
  assert.equal(chooseLearningRate([trial(0.001, 0.3, 250, 0.012), trial(0.003, 0.2, 250, 0.009), trial(0.01, 0.1, 300, 0.001)], "solved-fastest"), 0.003);
  assert.equal(chooseLearningRate([trial(0.001, 0.3), trial(0.003, 0.2), trial(0.01, 0.25)], "solved-fastest"), 0.003);
  assert.equal(chooseLearningRate([trial(0.001, 0.3, 250, 0.01), trial(0.003, 0.3, 250, 0.01)], "solved-fastest"), 0.001, "a full tie keeps the earlier");
  assert.throws(() => chooseLearningRate([], "solved-fastest"), /no finished learning-rate trial/);
});
