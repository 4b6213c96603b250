// The memory bound of forecast, charlm, gru-vs-lstm and their resume: absurd options are refused
// before anything is allocated (child processes: exit 1 within seconds, peak RSS of a process
// that only loaded grulab), with the estimate, the limit and the option to lower.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkJobMemory, estimateJobMemory, SWEEP_PROCESS, WORKER_PROCESS, type JobMemorySizes } from "../../src/bounds/checkJobMemory";
import { JOB_OVERHEAD } from "../../src/bounds/estimateMemory";
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
    [["gru-vs-lstm", "--task", "recall", "--symbols", "1000000000"], /memory bound: gru-vs-lstm with .*--symbols 1000000000 --workers \d+ would need about .*PiB \(\d+ worker process(es)? of about .*PiB each/],
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

/**
 * `grulab args…` with the peak RSS (VmHWM, bytes) of it and of every process under it, polled from
 * /proc every 50 ms until it ends: the sweep's own process, and each worker by pid.
 */
function grulabProcesses(args: string[]): Promise<{ code: number | null; stderr: string; rootPeak: number; childPeaks: number[] }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(root, "bin", "grulab.js"), ...args], { env: { ...process.env, GRULAB_MEMORY_LIMIT: "4G" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (d) => { stderr += d; });
    const peaks = new Map<number, number>();
    const read = (pid: number): void => {
      try {
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
        if (kb * 1024 > (peaks.get(pid) ?? 0)) peaks.set(pid, kb * 1024);
        for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
          for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) read(Number(child));
        }
      } catch { /* the process ended between the reads */ }
    };
    const timer = setInterval(() => read(p.pid!), 50);
    p.on("close", (code) => {
      clearInterval(timer);
      resolve({ code, stderr, rootPeak: peaks.get(p.pid!) ?? NaN, childPeaks: [...peaks].filter(([pid]) => pid !== p.pid).map(([, b]) => b) });
    });
  });
}

test("estimateJobMemory with workers: one worker is a whole process (WORKER_PROCESS instead of the fixed part), the sweep is its own process's share and one such process per worker (idle ones beyond the trials at their smallest)", () => {
  const sizes: JobMemorySizes = { job: "gru-vs-lstm", cell: "gru", units: 32, timesteps: 50, features: 2, outputs: 1, targets: 1, batchSize: 32, windows: 2816, kernelCells: ["gru", "lstm", "simpleRnn"], flags: {} };
  const one = estimateJobMemory(sizes);
  assert.deepEqual(estimateJobMemory({ ...sizes, workers: 0 }), one, "workers 0: the trials in this process, the estimate as before");
  const trial = one.peak - JOB_OVERHEAD;
  const two = estimateJobMemory({ ...sizes, workers: 2, trials: 3 });
  assert.equal(two.perProcess, WORKER_PROCESS + trial);
  assert.equal(two.peak, SWEEP_PROCESS + 2 * (WORKER_PROCESS + trial));
  assert.equal(two.processes, 2);
  assert.equal(estimateJobMemory({ ...sizes, workers: 8, trials: 3 }).peak, SWEEP_PROCESS + 3 * (WORKER_PROCESS + trial) + 5 * WORKER_PROCESS, "five of eight workers never run a trial");
  assert.equal(estimateJobMemory({ ...sizes, workers: 2 }).peak, two.peak, "trials unknown: every worker runs one");
  assert.throws(() => checkJobMemory({ ...sizes, workers: 1.5, flags: { workers: "--workers" } }), /^Error: gru-vs-lstm: --workers comes to 1\.5, expected a whole number ≥ 0$/);
});

test("checkJobMemory with workers holds the limit against the whole sweep: a size one process fits is refused on 4 workers, naming the workers' share and the worker count that fits (no length does: each worker's smallest is most of it)", () => {
  const sizes: JobMemorySizes = { job: "gru-vs-lstm", cell: "gru", units: 32, timesteps: 100, features: 2, outputs: 1, targets: 1, batchSize: 32, windows: 1792, kernelCells: ["gru", "lstm", "simpleRnn"], trials: 6,
    flags: { timesteps: "--length", workers: "--workers" }, given: "--length 100 --workers 4" };
  const limit = Math.ceil(estimateJobMemory({ ...sizes, workers: 2 }).peak) + 1; // two workers fit, three do not
  assert.ok(estimateJobMemory({ ...sizes, workers: 3 }).peak > limit);
  checkJobMemory({ ...sizes, memoryLimit: limit });
  checkJobMemory({ ...sizes, workers: 2, memoryLimit: limit });
  assert.throws(() => checkJobMemory({ ...sizes, workers: 4, memoryLimit: limit }),
    /^Error: memory bound: gru-vs-lstm with --length 100 --workers 4 would need about [\d.]+ [MG]iB \(4 worker processes of about [\d.]+ MiB each and 32\.0 MiB for the sweep's own; 3,489 parameters; largest parts of a worker: the worker process at its smallest 240\.0 MiB, fused kernel memory [\d.]+ MiB\), over the memory limit .* Stopped before allocating anything: lower --workers ≤ 2\.$/);
  // Under one worker's share, the trials in this process are what remains.
  const tight = estimateJobMemory(sizes).peak + 1;
  assert.throws(() => checkJobMemory({ ...sizes, workers: 4, memoryLimit: tight }), /Stopped before allocating anything: lower --workers to 0 \(the trials in this process\)\.$/);
});

// The default sweep (one worker per core) as child processes: each worker's peak and the sweep's new memory against the estimate.
test("the estimate holds for a sweep on 2 worker processes: gru-vs-lstm --workers 2 at two small sizes, each worker's peak RSS and the sweep's (the workers' whole RSS and what the sweep's own process grew) between half the estimate and the estimate (child processes)", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-calibrate-workers-"));
  const base = (await grulab(["gru-vs-lstm", "--length", "100000000"])).peakKb * 1024; // refused at once: grulab loaded, nothing else
  for (const [length, units] of [[50, 32], [200, 32]]) {
    const r = await grulabProcesses(["gru-vs-lstm", "--length", String(length), "--gru-units", String(units), "--train-samples", "2048", "--epochs", "1", "--seeds", "1", "--backend", "wasm", "--workers", "2", "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.childPeaks.length, 2, `two worker processes seen: ${r.childPeaks.length}`);
    const e = estimateJobMemory({ job: "gru-vs-lstm", cell: "gru", units, timesteps: length, features: 2, outputs: 1, targets: 1, batchSize: 32, windows: 2048 + 768, kernelCells: ["gru", "lstm", "simpleRnn"], workers: 2, trials: 3, flags: {} });
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    for (const w of r.childPeaks) assert.ok(w > 0.5 * e.perProcess && w <= e.perProcess, `T=${length}: a worker peaked at ${mib(w)}, one worker's estimate ${mib(e.perProcess)}`);
    const sweep = Math.max(0, r.rootPeak - base) + r.childPeaks.reduce((a, b) => a + b, 0);
    const ratio = sweep / e.peak;
    assert.ok(ratio > 0.5 && ratio <= 1, `T=${length}: the sweep's own process ${mib(r.rootPeak)} (base ${mib(base)}), workers ${r.childPeaks.map(mib).join(", ")}: ${mib(sweep)} of the estimate ${mib(e.peak)} (ratio ${ratio.toFixed(2)})`);
  }
});
