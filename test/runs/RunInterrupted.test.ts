import { test } from "node:test";
import * as assert from "node:assert/strict";
import { RunInterrupted } from "../../src/runs/RunInterrupted";

test("RunInterrupted: exit code 128 + the signal's number (SIGINT 2 → 130, SIGTERM 15 → 143), as a shell reports it", () => {
  assert.equal(new RunInterrupted("SIGINT", "runs/a", 3).exitCode, 128 + 2);
  assert.equal(new RunInterrupted("SIGTERM", "runs/a", 3).exitCode, 128 + 15);
});

test("RunInterrupted: the default message names the signal, the folder, the kept epoch and the resume command", () => {
  const err = new RunInterrupted("SIGINT", "runs/20260101-000000-tutorial", 7);
  assert.ok(err instanceof Error);
  assert.equal(err.name, "RunInterrupted");
  assert.equal(err.signal, "SIGINT");
  assert.equal(err.runDir, "runs/20260101-000000-tutorial");
  assert.equal(err.epoch, 7);
  assert.equal(err.message, "SIGINT: run runs/20260101-000000-tutorial interrupted; it holds the state after epoch 7 (resume: npx grulab resume runs/20260101-000000-tutorial)");
});

test("RunInterrupted: a given message replaces the default; the fields stay", () => {
  const err = new RunInterrupted("SIGTERM", "runs/b", 0, "SIGTERM while loading the data: nothing trained yet");
  assert.equal(err.message, "SIGTERM while loading the data: nothing trained yet");
  assert.equal(err.exitCode, 143);
  assert.equal(err.epoch, 0);
});
