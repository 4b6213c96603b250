// node dist/bench/resultsTable.js --trials 1000,10000 [--label after] [--timeout-s 600] [--out FILE]: what the
// sweep's driver spends keeping its results table (results.csv, sweep.json) when N trial results
// arrive at once — runSweep with an executor that answers every trial at once with a made-up
// result (10 epochs of history, two test numbers), in a fresh folder under the OS's temp folder.
// Prints seconds and bytes written per N and merges them under `--label` into
// bench/results-table.json (or --out; with the command, date and load, after every N), so that
// one file holds the measurement before and after a change of the table's writing. An N is not
// started once --timeout-s seconds have passed.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSweep } from "../src/sweeps/planSweep";
import { runSweep } from "../src/sweeps/runSweep";
import type { TrialExecutor } from "../src/sweeps/trialExecutor";
import type { TrialResult, TrialSpec } from "../src/sweeps/trialSpec";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** A deterministic made-up result for trial `index` (what a real 10-epoch trial reports). */
function fakeResult(spec: TrialSpec, index: number): TrialResult {
  const history = Array.from({ length: 10 }, (_, e) => 1 / (1 + e) + ((index * 7919) % 1000) / 1e4);
  const best = Math.min(...history);
  return {
    trialId: spec.trialId, status: "finished", best, bestEpoch: history.indexOf(best) + 1, epochs: 10, seconds: 12.345 + (index % 100) / 7,
    worker: `node-${index % 200}/4242/1`, runDir: path.join(spec.sweepDir, "trials", spec.trialId), metrics: { mae: best * 1.1, rmse: best * 1.3 }, history,
  };
}

/** Bytes this process has written so far (write calls, /proc/self/io wchar; Linux), else null. */
function writtenBytes(): number | null {
  try {
    const m = /^wchar: (\d+)$/m.exec(fs.readFileSync("/proc/self/io", "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function measure(trials: number, parent: string): Promise<Record<string, unknown>> {
  const plan = planSweep(`t${trials}`, {
    trial: { job: "tutorial" }, space: { units: [16, 32], learningRate: [0.001, 0.003], seed: Array.from({ length: Math.ceil(trials / 4) }, (_, i) => i + 1) },
    metric: "val_loss", budget: { epochs: 10 },
  }, { dir: parent });
  const index = new Map(plan.ids.map((id, i) => [id, i]));
  const executor: TrialExecutor = { concurrency: 8, run: async (spec) => fakeResult(spec, index.get(spec.trialId)!), close: async () => undefined };
  const w0 = writtenBytes();
  const t0 = performance.now();
  await runSweep(plan, executor, { progress: "none" });
  const seconds = (performance.now() - t0) / 1000;
  const w1 = writtenBytes();
  const csvBytes = fs.statSync(path.join(plan.dir, "results.csv")).size;
  const row = { trials: plan.configs.length, seconds: Number(seconds.toFixed(3)), microsecondsPerTrial: Math.round(seconds / plan.configs.length * 1e6), bytesWritten: w0 === null || w1 === null ? null : w1 - w0, resultsCsvBytes: csvBytes };
  console.log(`${String(row.trials).padStart(7)} trials: ${seconds.toFixed(2)} s (${row.microsecondsPerTrial} µs per trial), ${row.bytesWritten === null ? "?" : (row.bytesWritten / 1e6).toFixed(1)} MB written, results.csv ${(csvBytes / 1e6).toFixed(2)} MB`);
  fs.rmSync(plan.dir, { recursive: true, force: true });
  return row;
}

async function main(): Promise<void> {
  const counts = arg("trials", "1000,10000").split(",").map(Number);
  const label = arg("label", "after");
  const timeoutS = Number(arg("timeout-s", "600"));
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-bench-table-"));
  const loadBefore = os.loadavg();
  const rows: Array<Record<string, unknown>> = [];
  const out = path.resolve(arg("out", path.join(__dirname, "..", "..", "bench", "results-table.json")));
  const command = `node ${path.relative(process.cwd(), process.argv[1])} ${process.argv.slice(2).join(" ")}`.trim();
  const save = () => {
    const previous = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>) : {};
    previous[label] = { command, date: new Date().toISOString(), machine: { cores: os.cpus().length, node: process.version }, loadBefore, loadAfter: os.loadavg(), rows };
    fs.writeFileSync(out, JSON.stringify(previous, null, 2) + "\n");
  };
  const t0 = performance.now();
  try {
    for (const n of counts) {
      if ((performance.now() - t0) / 1000 > timeoutS) {
        console.log(`${n} trials: skipped (the run passed --timeout-s ${timeoutS})`);
        break;
      }
      rows.push({ ...(await measure(n, parent)), load: os.loadavg()[0] });
      save();
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
  console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
  console.log(`→ ${out} (${label})`);
}

main().catch((err) => {
  console.error(`bench resultsTable: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
