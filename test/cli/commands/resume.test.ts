// `grulab resume` for every job kind, through the grulab command in child processes: Ctrl-C
// (SIGINT) during training and outside it, then resume, compared with an uninterrupted run of
// the same options (history.csv to the last digit written, seconds aside). Tiny sizes: each
// child is a few seconds of CPU; the charlm n-gram case reads 100,000 characters per split.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { command } from "../../../src/cli/commands/resume";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";
import { commandUsage } from "../../../src/cli/usageText";

const root = path.resolve(__dirname, "..", "..", "..", ".."); // dist/test/cli/commands → repository root

interface Child { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs `grulab args…`; sends `kill.signal` once when the output so far matches `kill.when`. */
function grulab(args: string[], kill?: { when: RegExp; signal?: NodeJS.Signals }, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  return new Promise((resolve) => {
    const p = spawn("nice", [process.execPath, path.join(root, "bin", "grulab.js"), ...args], { env: { ...process.env, GRULAB_CHROMIUM: "/bin/false", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", sent = false;
    const watch = () => { if (kill && !sent && kill.when.test(stdout)) { sent = true; p.kill(kill.signal ?? "SIGINT"); } };
    p.stdout.on("data", (d) => { stdout += d; watch(); });
    p.stderr.on("data", (d) => { stderr += d; });
    p.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Two `grulab resume` of one run started together: one writes, the other is refused by the writer
 * lock (exit 1, naming the live writer, or the run already finished). Returns the one that resumed.
 */
async function resumeTwiceTogether(dir: string): Promise<Child> {
  const pair = await Promise.all([grulab(["resume", dir]), grulab(["resume", dir])]);
  const resumed = pair.find((r) => r.code === 0);
  assert.ok(resumed, pair.map((r) => r.stderr).join("\n"));
  const loser = pair.find((r) => r !== resumed)!;
  assert.equal(loser.code, 1, loser.stderr);
  assert.match(loser.stderr, /the run (has a live writer|is running): process \d+ on .* holds it and is alive|the run is finished; nothing to resume/);
  return resumed;
}

const runJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
/** history.csv as written (full precision), without the seconds column. */
const history = (dir: string) => {
  const [head, ...lines] = fs.readFileSync(path.join(dir, "history.csv"), "utf8").trim().split("\n");
  const keep = head.split(",").map((c, i) => (c === "seconds" ? -1 : i)).filter((i) => i >= 0);
  return lines.map((l) => keep.map((i) => l.split(",")[i]).join(","));
};
const testMetrics = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "metrics.json"), "utf8")).test;
const onlyDir = (parent: string) => {
  const names = fs.readdirSync(parent);
  assert.equal(names.length, 1, names.join(", "));
  return path.join(parent, names[0]);
};

test("grulab resume: its help lists the argument and every option with its default", () => {
  const usage = commandUsage(command);
  assert.match(usage, /grulab resume \[options\] <run>/);
  assert.match(usage, /--progress NAME +training progress.*: auto \| lines \| none \(default auto\)/);
  for (const kind of ["tutorial", "forecast", "charlm", "gru-vs-lstm"]) assert.ok(command.summary.includes(kind), kind);
  assert.match(usage, /--force +take the run over/);
  assert.deepEqual(parseCommandArgs(command, ["runs/x"]), { options: { progress: "auto", force: false }, args: { run: "runs/x" } });
});

test("grulab forecast: Ctrl-C in training (130) and during the report (130, step report); grulab resume finishes each with the uninterrupted history and metrics", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resume-forecast-"));
  const csv = path.join(tmp, "series.csv");
  fs.writeFileSync(csv, "month,ppm\n" + Array.from({ length: 150 }, (_, i) =>
    `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},${(350 + 0.2 * i + 3 * Math.sin((2 * Math.PI * i) / 12) + 0.3 * Math.sin(i * 1.7)).toFixed(3)}`).join("\n") + "\n");
  const options = ["--data", csv, "--date-column", "month", "--column", "ppm", "--timesteps", "12", "--horizon", "3", "--units", "4", "--epochs", "80", "--patience", "30", "--backend", "wasm"];
  const reference = await grulab(["forecast", ...options, "--out", path.join(tmp, "reference")]);
  assert.equal(reference.code, 0, reference.stderr);
  const ref = onlyDir(path.join(tmp, "reference"));
  const epochs = history(ref).length;

  // 1. SIGINT during training.
  const first = await grulab(["forecast", ...options, "--out", path.join(tmp, "a")], { when: /^epoch {1,2}2\/80/m });
  assert.equal(first.code, 130, first.stderr);
  const a = onlyDir(path.join(tmp, "a"));
  const info = runJson(a);
  assert.equal(info.status, "interrupted");
  assert.equal(info.step, "training");
  assert.match(info.reason, /^SIGINT during epoch \d+; epoch \d+ was the last completed$/);
  assert.match(first.stderr, new RegExp(`interrupted by SIGINT; kept history\\.csv \\(${info.epoch} epochs?\\)[^]*continue it with npx grulab resume .*${path.basename(a)}`));
  assert.ok(info.epoch >= 2 && info.epoch < epochs, `interrupted after epoch ${info.epoch}`);
  const resumed = await resumeTwiceTogether(a);
  assert.match(resumed.stdout, new RegExp(`grulab: resuming ${a} after epoch ${info.epoch} of 80`));
  assert.match(resumed.stdout, /^linear AR\(12\) /m, "the job's table is printed");
  assert.equal(runJson(a).status, "finished");
  assert.equal(runJson(a).step, null);
  assert.deepEqual(history(a), history(ref));
  assert.deepEqual(testMetrics(a), testMetrics(ref));
  for (const f of ["model/model.json", "traces/gates.csv", "charts/forecast.html", "report.html", "predictions.csv"]) assert.ok(fs.existsSync(path.join(a, f)), f);
  assert.deepEqual(fs.readFileSync(path.join(a, "predictions.csv"), "utf8"), fs.readFileSync(path.join(ref, "predictions.csv"), "utf8"));

  // 2. SIGINT outside fit: during the report (a "Chromium" that takes 6 s to fail holds the PDF step open).
  const slow = path.join(tmp, "slow-chromium.sh");
  fs.writeFileSync(slow, "#!/bin/sh\nsleep 6\nexit 1\n", { mode: 0o755 });
  const t0 = Date.now();
  const second = await grulab(["forecast", ...options, "--out", path.join(tmp, "b")], { when: /^report: wrote .*report\.html$/m }, { GRULAB_CHROMIUM: slow });
  const seconds = (Date.now() - t0) / 1000;
  assert.equal(second.code, 130, second.stderr);
  const b = onlyDir(path.join(tmp, "b"));
  const stopped = runJson(b);
  assert.deepEqual([stopped.status, stopped.step], ["interrupted", "report"]);
  assert.equal(stopped.reason, `SIGINT during report; training had finished (${epochs} epochs)`);
  assert.match(second.stderr, /grulab: SIGINT during report: stopping when it ends/);
  assert.match(second.stderr, new RegExp(`interrupted by SIGINT during report; kept config\\.json \\(the job's options\\), history\\.csv \\(${epochs} epochs\\), checkpoint/ .*metrics\\.json .*model/ .*\\.\\ngrulab: continue it with npx grulab resume .*${path.basename(b)}`));
  assert.doesNotMatch(second.stdout, /^linear AR/m, "the job stopped before its table");
  const again = await grulab(["resume", b]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`resuming ${b} after epoch ${epochs} of 80`));
  assert.doesNotMatch(again.stdout, /^epoch /m, "no epoch is trained again");
  assert.equal(runJson(b).status, "finished");
  assert.deepEqual(history(b), history(ref));
  assert.deepEqual(testMetrics(b), testMetrics(ref));
  console.log(`  forecast: ${epochs} epochs; interrupted after epoch ${info.epoch}; report-step interruption took ${seconds.toFixed(1)} s from start to exit`);
});

test("grulab gru-vs-lstm (a sweep): Ctrl-C in the fourth trial keeps three finished trials; the same command again continues it to every trial's uninterrupted history", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resume-gvl-"));
  const options = ["--task", "adding", "--length", "6", "--seeds", "2", "--gru-units", "4", "--train-samples", "64", "--epochs", "60", "--patience", "0", "--backend", "wasm", "--workers", "0"];
  const reference = await grulab(["gru-vs-lstm", ...options, "--out", path.join(tmp, "reference")]);
  assert.equal(reference.code, 0, reference.stderr);
  const trials = (parent: string) => {
    const dir = path.join(parent, "gru-vs-lstm-adding-T6", "trials");
    return new Map(fs.readdirSync(dir).filter((n) => n !== ".locks").map((n) => [n, path.join(dir, n)]));
  };
  const refTrials = trials(path.join(tmp, "reference"));
  assert.equal(refTrials.size, 6);

  const first = await grulab(["gru-vs-lstm", ...options, "--out", path.join(tmp, "a")], { when: /cell=lstm seed=1: finished/ });
  assert.equal(first.code, 130, first.stderr);
  const finishedBefore = [...trials(path.join(tmp, "a")).values()].filter((d) => fs.existsSync(path.join(d, "run.json")) && runJson(d).status === "finished");
  assert.ok(finishedBefore.length >= 3 && finishedBefore.length < 6, `${finishedBefore.length} finished trials after Ctrl-C`);

  const again = await grulab(["gru-vs-lstm", ...options, "--out", path.join(tmp, "a")]);
  assert.equal(again.code, 0, again.stderr);
  const runs = trials(path.join(tmp, "a"));
  assert.deepEqual([...runs.keys()].sort(), [...refTrials.keys()].sort());
  for (const [id, dir] of runs) {
    assert.equal(runJson(dir).status, "finished", id);
    assert.deepEqual(history(dir), history(refTrials.get(id)!), id);
    assert.deepEqual(testMetrics(dir), testMetrics(refTrials.get(id)!), id);
  }
  // The table's rows are the reference's (same scores to the printed digits).
  const table = (out: string) => out.split("\n").filter((l) => /^(gru|lstm|simpleRnn) +\d+ params/.test(l)).map((l) => l.replace(/ +[\d.]+ s\/epoch$/, ""));
  assert.deepEqual(table(again.stdout), table(reference.stdout));
});

test("grulab charlm: Ctrl-C during training, and during the n-gram baselines (before training: resume restarts in the same folder)", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resume-charlm-"));
  const tiny = ["--units", "8", "--train-windows", "12", "--validation-windows", "5", "--timesteps", "20", "--batch-size", "4", "--temperatures", "0,1", "--trace-chars", "300", "--backend", "wasm"];
  const small = [...tiny, "--max-chars", "3000", "--epochs", "20", "--ngram-orders", "1,2"];
  const reference = await grulab(["charlm", ...small, "--out", path.join(tmp, "reference")]);
  assert.equal(reference.code, 0, reference.stderr);
  const ref = onlyDir(path.join(tmp, "reference"));

  const first = await grulab(["charlm", ...small, "--out", path.join(tmp, "a")], { when: /^epoch {1,2}2\/20/m });
  assert.equal(first.code, 130, first.stderr);
  const a = onlyDir(path.join(tmp, "a"));
  assert.deepEqual([runJson(a).status, runJson(a).step], ["interrupted", "training"]);
  const resumed = await resumeTwiceTogether(a);
  assert.equal(runJson(a).status, "finished");
  assert.deepEqual(history(a), history(ref));
  assert.deepEqual(testMetrics(a), testMetrics(ref));
  assert.equal(fs.readFileSync(path.join(a, "generated.txt"), "utf8"), fs.readFileSync(path.join(ref, "generated.txt"), "utf8"));

  // A signal during the n-gram step stops it within a slice of its counting (~100 ms).
  const large = [...tiny, "--max-chars", "100000", "--epochs", "2", "--ngram-orders", "1,7"];
  const second = await grulab(["charlm", ...large, "--out", path.join(tmp, "b")], { when: /fitting order 1 \(1\/2\)/ });
  assert.equal(second.code, 130, second.stderr);
  assert.match(second.stdout, /n-gram baselines: fitting order 1 \(1\/2\) on 100000 characters…/);
  const b = onlyDir(path.join(tmp, "b"));
  const stopped = runJson(b);
  assert.deepEqual([stopped.status, stopped.step, stopped.reason], ["interrupted", "n-gram baselines", "SIGINT during n-gram baselines; training had not started"]);
  assert.ok(!fs.existsSync(path.join(b, "history.csv")));
  const again = await grulab(["resume", b]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /restarting .* from epoch 1 in the same folder: it stopped before training \(SIGINT during n-gram baselines; training had not started\)/);
  assert.match(again.stdout, /7-gram: validation [\d.]+, test [\d.]+ bpc/);
  assert.equal(runJson(b).status, "finished");
  assert.equal(history(b).length, 2);
  assert.ok(typeof testMetrics(b).bpc === "number");
});

test("grulab tutorial: SIGTERM after training (exit 143) marks the step; grulab resume trains nothing again and finishes with the uninterrupted history; bad folders exit 1 with the reason", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resume-tutorial-"));
  const options = ["--epochs", "3", "--units", "8", "--timesteps", "7", "--patience", "0", "--backend", "wasm"];
  const reference = await grulab(["tutorial", ...options, "--out", path.join(tmp, "reference")]);
  assert.equal(reference.code, 0, reference.stderr);
  const ref = onlyDir(path.join(tmp, "reference"));
  // "gate traces of …" is printed at the end of that step; a Chromium that takes 6 s holds the report open.
  const slow = path.join(tmp, "slow-chromium.sh");
  fs.writeFileSync(slow, "#!/bin/sh\nsleep 6\nexit 1\n", { mode: 0o755 });
  const first = await grulab(["tutorial", ...options, "--out", path.join(tmp, "a")], { when: /^gate traces of \d+ test windows/m, signal: "SIGTERM" }, { GRULAB_CHROMIUM: slow });
  assert.equal(first.code, 143, first.stderr);
  const a = onlyDir(path.join(tmp, "a"));
  const info = runJson(a);
  assert.equal(info.status, "interrupted");
  assert.ok(["gate traces", "saving the model", "charts", "report"].includes(info.step), info.step); // when the signal is handled: at the end of the traces step at the earliest
  assert.equal(info.reason, `SIGTERM during ${info.step}; training had finished (3 epochs)`);
  assert.match(first.stderr, new RegExp(`interrupted by SIGTERM during ${info.step}; kept .*history\\.csv \\(3 epochs\\)`));
  const resumed = await resumeTwiceTogether(a);
  assert.doesNotMatch(resumed.stdout, /^epoch /m);
  assert.match(resumed.stdout, /test accuracy \d+\.\d% vs the strongest baseline/);
  assert.equal(runJson(a).status, "finished");
  assert.deepEqual(history(a), history(ref));
  assert.deepEqual(testMetrics(a), testMetrics(ref));

  const finished = await grulab(["resume", ref]);
  assert.equal(finished.code, 1);
  assert.match(finished.stderr, new RegExp(`^grulab: error: ${path.join(ref, "run.json")}: the run is finished; nothing to resume\\n$`));
  const missing = await grulab(["resume", path.join(tmp, "nothing-here")]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, new RegExp(`grulab: error: run folder ${path.join(tmp, "nothing-here")} does not exist`));
  const usage = await grulab(["resume"]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /missing argument <run>/);
});
