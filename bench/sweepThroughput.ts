// npm run bench:sweep: trials per hour of one small sweep with 1 and 2 local worker processes on
// this machine (fresh sweep folders, the same trials), printed as a table and written to
// bench/sweep-results.json with the load before and after. Options: --trials N (default 8),
// --epochs N (default 2), --workers 1,2.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startSweep } from "../src/sweeps/startSweep";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The command that ran, as typed: `npm run bench:sweep -- …` under npm, else `node dist/bench/sweepThroughput.js …`. */
function commandLine(): string {
  const args = process.argv.slice(2).join(" ");
  if (process.env.npm_lifecycle_event === "bench:sweep") return `npm run bench:sweep${args ? ` -- ${args}` : ""}`;
  return `node ${path.relative(process.cwd(), process.argv[1])}${args ? ` ${args}` : ""}`;
}

async function main(): Promise<void> {
  const trials = Number(arg("trials", "8"));
  const epochs = Number(arg("epochs", "2"));
  const workerCounts = arg("workers", "1,2").split(",").map(Number);
  const seeds = Array.from({ length: Math.ceil(trials / 2) }, (_, i) => i + 1);
  // One trial: a GRU-vs-LSTM run (delayed recall, T = 20, 512 sequences, GRU(16) and a matched LSTM) for `epochs` epochs.
  const space = { task: ["recall"], length: [20], gruUnits: [16], trainSamples: [512], patience: [0], cell: ["gru", "lstm"], seed: seeds };
  const rows: Array<Record<string, unknown>> = [];
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-bench-sweep-"));
  const loadBefore = os.loadavg();
  for (const workers of workerCounts) {
    const t0 = performance.now();
    const sweep = await startSweep(`w${workers}`, { trial: { job: "gru-vs-lstm" }, space, metric: "val_loss", budget: { epochs }, workers, dir: parent, progress: "none" });
    const seconds = (performance.now() - t0) / 1000;
    const done = sweep.rows.filter((r) => r.status === "finished").length;
    if (done !== sweep.rows.length) throw new Error(`bench: ${sweep.rows.length - done} trials did not finish (${sweep.dir})`);
    const trialSeconds = sweep.rows.reduce((s, r) => s + Number(r.seconds), 0) / done;
    rows.push({ workers, trials: done, seconds: Number(seconds.toFixed(2)), trialsPerHour: Math.round(done / seconds * 3600), meanTrialSeconds: Number(trialSeconds.toFixed(2)) });
    console.log(`${workers} worker${workers === 1 ? " " : "s"}: ${done} trials in ${seconds.toFixed(1)} s → ${Math.round(done / seconds * 3600)} trials/hour (a trial ${trialSeconds.toFixed(2)} s inside its worker)`);
  }
  const loadAfter = os.loadavg();
  const base = rows[0].trialsPerHour as number;
  console.log("\nworkers  trials  seconds  trials/hour  speed-up");
  for (const r of rows) console.log(`${String(r.workers).padStart(7)}  ${String(r.trials).padStart(6)}  ${String(r.seconds).padStart(7)}  ${String(r.trialsPerHour).padStart(11)}  ${((r.trialsPerHour as number) / base).toFixed(2)}×`);
  console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
  const out = path.join(__dirname, "..", "..", "bench", "sweep-results.json");
  fs.writeFileSync(out, JSON.stringify({
    command: commandLine(),
    trial: { job: "gru-vs-lstm", space, epochs }, machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    loadBefore, loadAfter, date: new Date().toISOString(), rows,
  }, null, 2) + "\n");
  console.log(`→ ${path.resolve(out)}`);
  fs.rmSync(parent, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(`bench:sweep: ${(err as Error).message}`);
  process.exit(1);
});
