import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { command } from "../../../src/cli/commands/study";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";

test("grulab study: an unknown study is named with the known ones", async () => {
  await assert.rejects(() => command.run(parseCommandArgs(command, ["weather"])), /unknown study "weather"; the studies with a results file: tutorial, forecast/);
});

test("grulab study forecast writes forecast.json recording the command with the options that differ from its budget", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-cli-"));
  try {
    await command.run(parseCommandArgs(command, ["forecast", "--seeds", "1", "--epochs", "1", "--results", dir]));
    const r = JSON.parse(fs.readFileSync(path.join(dir, "forecast.json"), "utf8"));
    assert.equal(r.command, "grulab study forecast --seeds 1 --epochs 1");
    assert.deepEqual([r.budget.seeds, r.budget.maxEpochs, r.budget.epochsRun], [[1], 1, [1]]);
    assert.ok(!fs.existsSync(path.join(dir, "tutorial.json")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
