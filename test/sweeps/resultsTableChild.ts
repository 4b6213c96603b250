// A sweep driver to kill (test/sweeps/resultsTable.test.ts): node resultsTableChild.js DIR TRIALS runs a
// grid sweep of TRIALS seeds whose executor answers each trial at once (val_loss 1 / (seed + 1),
// test_mae 2 / (seed + 1)), printing "ready" just before the driver starts writing its table.
import { planSweep } from "../../src/sweeps/planSweep";
import { runSweep } from "../../src/sweeps/runSweep";
import type { TrialExecutor } from "../../src/sweeps/trialExecutor";

async function main(): Promise<void> {
  const [dir, trials] = process.argv.slice(2);
  const seeds = Array.from({ length: Number(trials) }, (_, i) => i + 1);
  const plan = planSweep("crash", { trial: { job: "tutorial" }, space: { seed: seeds }, metric: "val_loss", budget: { epochs: 1 } }, { dir });
  const executor: TrialExecutor = {
    concurrency: 4,
    run: async (spec) => {
      await new Promise((resolve) => setImmediate(resolve));
      const seed = Number(spec.config.seed);
      return { trialId: spec.trialId, status: "finished", best: 1 / (seed + 1), bestEpoch: 1, epochs: 1, seconds: 0.5, worker: "child", runDir: "", metrics: { mae: 2 / (seed + 1) }, history: [1 / (seed + 1)] };
    },
    close: async () => undefined,
  };
  console.log("ready");
  await runSweep(plan, executor, { progress: "none" });
  console.log("done");
}

main().catch((err) => {
  console.error((err as Error).stack);
  process.exit(1);
});
