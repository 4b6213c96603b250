// ASHA against the grid on one task: the epochs ASHA trains until one of its trials is within 1 %
// of the grid's best val_loss, against the grid's total epochs. The same deterministic trials
// (same config → same history), run as two sweeps on local workers; written to
// bench/asha-vs-grid.json with the command and the load. Options: --workers N (default 2).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { localExecutor } from "../src/sweeps/localExecutor";
import { planSweep, type SweepDefinition } from "../src/sweeps/planSweep";
import { runSweep } from "../src/sweeps/runSweep";
import type { TrialResult } from "../src/sweeps/trialSpec";

async function main(): Promise<void> {
  const i = process.argv.indexOf("--workers");
  const workers = i >= 0 ? Number(process.argv[i + 1]) : 2;
  const maxEpochs = 9;
  // Delayed recall at T = 10: learning rate × size × cell, 16 configs.
  const space = { task: ["recall"], length: [10], trainSamples: [256], patience: [0], seed: [1], cell: ["gru", "lstm"], gruUnits: [8, 16], learningRate: [0.001, 0.003, 0.01, 0.03] };
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-asha-vs-grid-"));
  const loadBefore = os.loadavg();
  const run = async (name: string, definition: SweepDefinition) => {
    const arrivals: Array<{ result: TrialResult; epochs: number }> = [];
    const t0 = performance.now();
    const rows = await runSweep(planSweep(name, definition, { dir: parent }), localExecutor({ workers }), {
      progress: "none", onResult: (result, job) => arrivals.push({ result, epochs: job.epochs }),
    });
    return { rows, arrivals, seconds: (performance.now() - t0) / 1000 };
  };
  const common = { trial: { job: "gru-vs-lstm" }, space, metric: "val_loss", mode: "min" as const };
  const grid = await run("grid", { ...common, scheduler: "grid", budget: { epochs: maxEpochs } });
  const asha = await run("asha", { ...common, scheduler: { kind: "asha", minEpochs: 1, eta: 3 }, budget: { epochs: maxEpochs } });
  const gridBest = Math.min(...grid.rows.map((r) => r.result!.best!));
  const gridEpochs = grid.rows.reduce((s, r) => s + r.result!.epochs, 0);
  // ASHA's epochs in the order its results arrived; a promotion adds only the epochs it trained on top.
  const trained = new Map<string, number>();
  let spent = 0;
  let reached: { epochs: number; value: number; trialId: string } | null = null;
  let bestSoFar = Infinity;
  for (const { result } of asha.arrivals) {
    spent += result.epochs - (trained.get(result.trialId) ?? 0);
    trained.set(result.trialId, result.epochs);
    bestSoFar = Math.min(bestSoFar, result.best ?? Infinity);
    if (reached === null && bestSoFar <= gridBest * 1.01) reached = { epochs: spent, value: bestSoFar, trialId: result.trialId };
  }
  const loadAfter = os.loadavg();
  const out = {
    command: `npm run build && node dist/bench/ashaVsGrid.js --workers ${workers}`,
    task: "gru-vs-lstm trial: delayed recall T = 10, 256 training sequences, seed 1; grid over cell × gruUnits × learningRate (16 configs), up to 9 epochs, metric val_loss (best epoch)",
    asha: { minEpochs: 1, eta: 3, rungs: [1, 3, 9] },
    grid: { configs: grid.rows.length, epochs: gridEpochs, best: gridBest, seconds: Number(grid.seconds.toFixed(1)) },
    ashaRun: { epochs: spent, best: bestSoFar, seconds: Number(asha.seconds.toFixed(1)), promotedTo9: asha.rows.filter((r) => r.result?.epochs === maxEpochs).length },
    within1Percent: reached, epochsRatio: reached ? Number((reached.epochs / gridEpochs).toFixed(3)) : null,
    workers, loadBefore, loadAfter, cores: os.cpus().length, date: new Date().toISOString(),
  };
  const file = path.join(__dirname, "..", "..", "bench", "asha-vs-grid.json");
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  console.log(JSON.stringify(out, null, 2));
  fs.rmSync(parent, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(`ashaVsGrid: ${(err as Error).message}`);
  process.exit(1);
});
