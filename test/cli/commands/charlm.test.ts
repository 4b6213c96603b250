import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
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

test("grulab charlm: Ctrl-C in the middle of a long n-gram order (the whole corpus's 7-gram) stops within seconds; the run folder says interrupted, with the resume command (child process)", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-sigint-"));
  const root = path.resolve(__dirname, "..", "..", "..", "..");
  const args = ["charlm", "--max-chars", "0", "--ngram-orders", "7", "--units", "4", "--epochs", "1", "--train-windows", "4", "--validation-windows", "2",
    "--timesteps", "20", "--batch-size", "4", "--temperatures", "0", "--trace-chars", "200", "--backend", "wasm", "--out", out];
  // The signal goes at the first progress line of the 7-gram (after ~5 s of counting): before, the
  // order was one synchronous loop (~19 s on the whole corpus) that printed nothing and held the signal.
  const r = await new Promise<{ code: number | null; stdout: string; stderr: string; afterSignal: number }>((resolve) => {
    const p = spawn("timeout", ["-k", "5", "300", process.execPath, path.join(root, "bin", "grulab.js"), ...args], { env: { ...process.env, GRULAB_CHROMIUM: "/bin/false" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", sentAt = 0;
    p.stdout.on("data", (d) => {
      stdout += d;
      if (!sentAt && /^ {2}7-gram: counted [\d,]+ of [\d,]+ characters/m.test(stdout)) { sentAt = Date.now(); p.kill("SIGINT"); }
    });
    p.stderr.on("data", (d) => { stderr += d; });
    p.on("close", (code) => resolve({ code, stdout, stderr, afterSignal: sentAt ? (Date.now() - sentAt) / 1000 : NaN }));
  });
  assert.equal(r.code, 130, r.stdout + r.stderr);
  assert.ok(r.afterSignal < 3, `exit ${r.afterSignal} s after SIGINT (bound 3 s)`);
  assert.match(r.stdout, /n-gram baselines: fitting order 7 \(1\/1\) on \d+ characters…/);
  assert.doesNotMatch(r.stdout, /7-gram: validation/);
  assert.match(r.stderr, /grulab: SIGINT during n-gram baselines: stopping when it ends/);
  const [dir] = fs.readdirSync(out);
  const runDir = path.join(out, dir);
  assert.match(r.stderr, new RegExp(`grulab: continue it with (npx )?grulab resume ${runDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const info = JSON.parse(fs.readFileSync(path.join(runDir, "run.json"), "utf8"));
  assert.deepEqual([info.status, info.step, info.reason], ["interrupted", "n-gram baselines", "SIGINT during n-gram baselines; training had not started"]);
  assert.ok(!fs.existsSync(path.join(runDir, "history.csv")));
  assert.ok(!fs.existsSync(path.join(runDir, "writer.lock")), "the writer lock is released");
});
