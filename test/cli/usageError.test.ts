import { test } from "node:test";
import * as assert from "node:assert/strict";
import { UsageError } from "../../src/cli/usageError";
import { runCli } from "../support/runCli";

test("UsageError is an Error named UsageError that keeps its message", () => {
  const err = new UsageError('option --epochs expects an integer ≥ 1, got "x"');
  assert.ok(err instanceof Error);
  assert.equal(err.name, "UsageError");
  assert.equal(err.message, 'option --epochs expects an integer ≥ 1, got "x"');
  assert.match(String(err), /^UsageError: option --epochs/);
});

test("the CLI prints a UsageError as 'grulab: <message>' with exit code 2; any other error is 'grulab: error: …' with 1", async () => {
  const usage = await runCli(["no-such-command"]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^grulab: unknown command "no-such-command": expected .*tutorial.* or --help$/);
  const badValue = await runCli(["tutorial", "--epochs", "x"]);
  assert.equal(badValue.code, 2);
  assert.match(badValue.stderr, /^grulab: .*--epochs.*"x"/);
  const failure = await runCli(["sweep", "status", "/nonexistent-grulab-folder"]);
  assert.equal(failure.code, 1);
  assert.match(failure.stderr, /^grulab: error: /);
});
