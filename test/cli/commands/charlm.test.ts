import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { command } from "../../../src/cli/commands/charlm";
import { main } from "../../../src/cli/main";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";

test("grulab charlm reads its options", () => {
  const { options } = parseCommandArgs(command, ["--units", "32", "--epochs", "1", "--learning-rate", "0.01", "--ngram-orders", "1,5", "--temperatures", "0,1.5", "--out", "/tmp/r"]);
  assert.deepEqual([options.units, options.epochs, options.learningRate, options.ngramOrders, options.temperatures, options.out], [32, 1, 0.01, "1,5", "0,1.5", "/tmp/r"]);
});

test("grulab charlm: a bad list is a usage error naming the option, before any work", async () => {
  await assert.rejects(command.run(parseCommandArgs(command, ["--ngram-orders", "1,x"])), /option --ngram-orders expects a comma-separated list of positive integers, got "1,x"/);
  await assert.rejects(command.run(parseCommandArgs(command, ["--ngram-orders", "0"])), /--ngram-orders/);
  await assert.rejects(command.run(parseCommandArgs(command, ["--temperatures", "-1"])), /option --temperatures expects a comma-separated list of numbers ≥ 0, got "-1"/);
  assert.throws(() => parseCommandArgs(command, ["--units", "0"]), /option --units expects an integer ≥ 1, got "0"/);
});

test("grulab charlm runs end to end at a tiny size and exits 0 with a finished run folder", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-cli-"));
  const code = await main(["charlm", "--max-chars", "3000", "--units", "4", "--epochs", "1", "--train-windows", "4", "--validation-windows", "2",
    "--timesteps", "20", "--batch-size", "4", "--ngram-orders", "1", "--temperatures", "0", "--trace-chars", "200", "--out", out]);
  assert.equal(code, 0);
  const [dir] = fs.readdirSync(out);
  assert.match(dir, /^\d{8}-\d{6}-charlm$/);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, dir, "run.json"), "utf8")).status, "finished");
  assert.ok(Number.isFinite(JSON.parse(fs.readFileSync(path.join(out, dir, "metrics.json"), "utf8")).test.bpc));
});
