import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { BUILT_IN_TRIALS } from "../../src/sweeps/builtInTrials";
import { runTrial } from "../../src/sweeps/runTrial";
import { trialId } from "../../src/sweeps/trialId";
import type { TrialContext } from "../../src/sweeps/trialFunction";
import { tempFolder } from "../support/tempFolder";

/** Small configs: each trial's data and model are built, nothing big; the units its recurrent layer must get. */
const SMALL: Array<[string, Record<string, number | string>, number]> = [
  ["tutorial", { units: 3, timesteps: 5 }, 3],
  ["forecast", { units: 3, timesteps: 6, horizon: 2 }, 3],
  ["charlm", { units: 3, layers: 1, timesteps: 8, maxChars: 20000, trainWindows: 20, validationWindows: 10, minCount: 1 }, 3],
  ["gru-vs-lstm", { cell: "gru", task: "recall", length: 5, gruUnits: 3, trainSamples: 16, symbols: 4 }, 3],
  // An LSTM's units are matched to the GRU's parameter count (test/models/matchedUnits.test.ts): here only what is freed is checked.
  ["gru-vs-lstm", { cell: "lstm", task: "adding", length: 5, gruUnits: 3, trainSamples: 16, symbols: 4 }, -1],
  ["gru-vs-lstm-updates", { variant: "gru", task: "recall", length: 5, gruUnits: 3, symbols: 4, batchSize: 4, updatesPerEpoch: 2, validationSamples: 8, testSamples: 8 }, 3],
  ["gru-vs-lstm-updates", { variant: "lstm-chrono", task: "adding", length: 5, gruUnits: 3, batchSize: 4, updatesPerEpoch: 2, validationSamples: 8, testSamples: 8 }, -1],
  ["charlm-study", { cell: "gru", gruUnits: 3, layers: 1, timesteps: 8, batchSize: 4, maxChars: 20000, minCount: 1 }, 3],
  ["charlm-study", { cell: "simpleRnn", gruUnits: 3, layers: 2, timesteps: 8, batchSize: 4, maxChars: 20000, dropout: 0.5 }, -1],
];

/** The units of the model's first layer that has units (the recurrent layer the config sized). */
function recurrentUnits(model: tf.LayersModel): number {
  return model.layers.map((l) => l.getConfig().units as number | undefined).find((u) => typeof u === "number")!;
}

test("every built-in trial: the config sizes the model, the run is opened as its job, and model and data are freed when the run cannot be opened", async () => {
  await initBackend("cpu");
  assert.deepEqual(Object.keys(BUILT_IN_TRIALS).sort(), [...new Set(SMALL.map(([job]) => job))].sort(), "a small config for each built-in trial");
  for (const [job, config, units] of SMALL) {
    const before = tf.memory().numTensors;
    let seen: { units: number; job: unknown; given: unknown } | null = null;
    const context: TrialContext = {
      dir: "/nonexistent", epochs: 1, trialId: "t",
      startRun: async (model, o) => {
        const c = (o?.config ?? {}) as Record<string, unknown>;
        seen = { units: recurrentUnits(model), job: c.job, given: Object.fromEntries(Object.keys(config).map((k) => [k, c[k]])) };
        throw new Error("disk full");
      },
    };
    await assert.rejects(BUILT_IN_TRIALS[job].run(config, context), { message: "disk full" }, job);
    const s = seen as unknown as { units: number; job: unknown; given: unknown };
    assert.equal(s.job, job);
    assert.deepEqual(s.given, config, `${job}: the run's config holds the options given`);
    if (units > 0) assert.equal(s.units, units, `${job}: the model has the units given`);
    assert.equal(tf.memory().numTensors, before, `${job}: no tensor left behind`);
  }
});

test("the gru-vs-lstm trial: one run of the cell, scored by test accuracy on recall (the sweep's score column), history to the sweep's epochs", async (t) => {
  await initBackend("cpu");
  const sweepDir = tempFolder(t, "builtin");
  const config = { ...SMALL[4][1], task: "recall", seed: 2 };
  const r = await runTrial({ sweepDir, trialId: trialId(config), config, epochs: 2, trial: { job: "gru-vs-lstm" }, metric: "val_loss", mode: "min" }, { worker: "w" });
  assert.equal(r.status, "finished", r.error);
  assert.equal(r.epochs, 2);
  const metrics = JSON.parse(fs.readFileSync(path.join(r.runDir, "metrics.json"), "utf8"));
  assert.equal(r.metrics!.score, metrics.test.accuracy, "recall is scored by test accuracy");
  assert.ok(r.metrics!.score >= 0 && r.metrics!.score <= 1);
  const saved = JSON.parse(fs.readFileSync(path.join(r.runDir, "config.json"), "utf8"));
  assert.deepEqual([saved.job, saved.cell, saved.epochs], ["gru-vs-lstm", "lstm", 2]);
  const run = JSON.parse(fs.readFileSync(path.join(r.runDir, "run.json"), "utf8"));
  assert.equal(run.task, "classification");
});
