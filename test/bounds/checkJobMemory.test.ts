// The memory bound of forecast, charlm, gru-vs-lstm and their resume: absurd options are refused
// before anything is allocated (child processes: exit 1 within seconds, peak RSS of a process
// that only loaded grulab), with the estimate, the limit and the option to lower.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkJobMemory, estimateJobMemory } from "../../src/bounds/checkJobMemory";
import { FORECAST_DEFAULTS } from "../../src/studies/runForecast";
import { makeRunFolder } from "../fixtures/makeRunFolder";

const root = path.resolve(__dirname, "..", "..", "..");

/** `grulab args…` under /usr/bin/time: exit code, stderr, seconds and peak RSS (KB). */
function grulab(args: string[]): Promise<{ code: number | null; stderr: string; seconds: number; peakKb: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn("/usr/bin/time", ["-f", "PEAK %M", "timeout", "-k", "5", "60", process.execPath, path.join(root, "bin", "grulab.js"), ...args],
      { env: { ...process.env, GRULAB_MEMORY_LIMIT: "4G" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (d) => { stderr += d; });
    p.on("close", (code) => resolve({ code, stderr, seconds: (Date.now() - t0) / 1000, peakKb: Number(/PEAK (\d+)/.exec(stderr)?.[1] ?? NaN) }));
  });
}

test("forecast, charlm, gru-vs-lstm with absurd sizes are refused before allocating: exit 1 in seconds, a peak RSS of a process that only loaded grulab, the option and what fits", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["forecast", "--units", "100000"], /memory bound: forecast with --units 100000 .*over the memory limit of 4\.0 GiB \(GRULAB_MEMORY_LIMIT=4G.*lower --units ≤ \d+/],
    [["charlm", "--units", "100000"], /memory bound: charlm with --units 100000 .*lower --units ≤ \d+/],
    [["gru-vs-lstm", "--gru-units", "100000"], /memory bound: gru-vs-lstm with --gru-units 100000 .*lower --gru-units ≤ \d+/],
    [["gru-vs-lstm", "--length", "100000000"], /memory bound: gru-vs-lstm with --gru-units \d+ --length 100000000 .*lower --length ≤ \d+/],
    [["gru-vs-lstm", "--train-samples", "1000000000"], /memory bound: gru-vs-lstm with .*--train-samples 1000000000 .*lower the sizes given/],
    [["gru-vs-lstm", "--task", "recall", "--symbols", "1000000000"], /memory bound: gru-vs-lstm with .*--symbols 1000000000 would need about .*PiB/],
  ];
  for (const [args, message] of cases) {
    const r = await grulab(args);
    assert.equal(r.code, 1, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(" "));
    assert.ok(r.seconds < 20, `${args.join(" ")}: ${r.seconds} s`);
    assert.ok(r.peakKb < 400_000, `${args.join(" ")}: peak RSS ${r.peakKb} KB (nothing allocated)`);
  }
});

test("grulab resume of a run whose config.json says units: 100000 is refused by the same bound, before the data or the model", async () => {
  const dir = makeRunFolder({ traces: false });
  const config = { ...FORECAST_DEFAULTS, job: "forecast", units: 100000, backend: "cpu", datasetPath: path.join(root, "datasets", "co2-concentration.csv"), column: "CO2" };
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify(config));
  const info = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "run.json"), JSON.stringify({ ...info, status: "interrupted", task: "regression" }));
  const r = await grulab(["resume", dir]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /memory bound: forecast with --units 100000 .*lower --units ≤ \d+/);
  assert.ok(r.peakKb < 400_000, `peak RSS ${r.peakKb} KB`);
});

test("estimateJobMemory: parameters by cell and layers as tfjs counts them; sizes that are not safe integers are refused naming the option", () => {
  // GRU(4) on 3 features → Dense(2): 3·(4·3 + 4·4 + 2·4) + 4·2 + 2 = 118 (reset_after biases).
  assert.equal(estimateJobMemory({ job: "t", cell: "gru", units: 4, timesteps: 5, features: 3, outputs: 2, batchSize: 8, windows: 10, flags: {} }).parameters, 118);
  assert.equal(estimateJobMemory({ job: "t", cell: "lstm", units: 4, timesteps: 5, features: 3, outputs: 2, batchSize: 8, windows: 10, flags: {} }).parameters, 4 * (12 + 16 + 4) + 10);
  assert.throws(() => checkJobMemory({ job: "gru-vs-lstm", cell: "gru", units: 8, timesteps: 1e300, features: 2, outputs: 1, batchSize: 8, windows: 10, flags: { timesteps: "--length" } }),
    /gru-vs-lstm: --length comes to 1e\+300, expected a whole number from 1 to 9007199254740991: lower the option/);
  const e = estimateJobMemory({ job: "t", cell: "gru", units: 32, timesteps: 24, features: 3, outputs: 12, batchSize: 32, windows: 700, flags: {} });
  assert.ok(e.peak > 160 * 2 ** 20 && e.peak < 256 * 2 ** 20, "the default forecast: the fixed 160 MiB and a few MiB more");
});

// --workers 0: the three trials in one process, the most one process holds, on any number of cores
// (with the default, one worker per core, each holds less: the bound is loosest there).
test("the estimate holds: gru-vs-lstm (--workers 0) at two small sizes peaks between half the estimate and the estimate above a process that only loaded grulab (child processes)", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-calibrate-"));
  const base = (await grulab(["gru-vs-lstm", "--length", "100000000"])).peakKb * 1024; // refused at once: grulab loaded, nothing else
  for (const [length, units] of [[50, 32], [200, 32]]) {
    const r = await grulab(["gru-vs-lstm", "--length", String(length), "--gru-units", String(units), "--train-samples", "2048", "--epochs", "1", "--seeds", "1", "--backend", "wasm", "--workers", "0", "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    const measured = r.peakKb * 1024 - base;
    const estimate = estimateJobMemory({ job: "gru-vs-lstm", cell: "gru", units, timesteps: length, features: 2, outputs: 1, targets: 1, batchSize: 32, windows: 2048 + 768, kernelCells: ["gru", "lstm", "simpleRnn"], flags: {} }).peak;
    const ratio = measured / estimate;
    assert.ok(ratio > 0.5 && ratio <= 1.1, `T=${length}, H=${units}: measured ${(measured / 2 ** 20).toFixed(0)} MiB above the base, estimated ${(estimate / 2 ** 20).toFixed(0)} MiB (ratio ${ratio.toFixed(2)})`);
  }
});
