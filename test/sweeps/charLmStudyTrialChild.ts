// A char-LM study sweep to interrupt (test/sweeps/charLmStudyTrial.test.ts): node charLmStudyTrialChild.js DIR runs one
// charlm-study trial (GRU 2 × 4, 130,000 characters per split, so the validation read is ≥ 10 chunks and prints its
// progress; one epoch) in this process; exit 0 with "trial finished", 130 when interrupted, 1 on another error.
import { initBackend } from "../../src/backend";
import { RunInterrupted } from "../../src/runs/RunInterrupted";
import { startSweep } from "../../src/sweeps/startSweep";

async function main(): Promise<void> {
  await initBackend("wasm");
  const sweep = await startSweep("sigint", {
    trial: "charlm-study", space: { cell: ["gru"], gruUnits: [4], maxChars: [130000], traceChars: [300], patience: [0], seed: [1] },
    metric: "val_loss", budget: { epochs: 1 }, workers: 0, dir: process.argv[2], progress: "lines",
  });
  console.log(`trial ${String(sweep.rows[0].status)}`);
}

main().catch((err: unknown) => {
  console.error(`child: ${(err as Error).message}`);
  process.exitCode = err instanceof RunInterrupted ? 130 : 1;
});
