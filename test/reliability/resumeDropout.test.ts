// A run with dropout interrupted after epoch 2 and resumed from its checkpoint (the model and its
// optimizer read back from disk by resumeRun) ends with the uninterrupted run's history and
// weights, bitwise: the char-LM study's dropout 0.25 trial had given val_loss 0.745 resumed and
// 0.7387 uninterrupted, because every dropout mask came from unseeded Math.random.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { buildCharLm } from "../../src/models/buildCharLm";
import { streamWindows } from "../../src/data/streamWindows";
import { resumeRun } from "../../src/runs/resumeRun";
import { startRun } from "../../src/runs/startRun";
import { seededRandom } from "../../src/util/seededRandom";

test("a char LM with dropout 0.25 (the study's trial's settings in small: batches in order, seeded): resumed from its epoch-2 checkpoint = uninterrupted, history and weights bitwise; dropout 0 likewise", async () => {
  await initBackend();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resumedrop-"));
  const rand = seededRandom(7);
  const ids = Array.from({ length: 1700 }, (_, i) => (i % 5 === 0 ? 0 : 1 + Math.floor(rand() * 5)));
  const windows = streamWindows(ids, { streams: 8, timesteps: 20 });
  const data = { x: windows.x, y: windows.y };
  const fit = { epochs: 4, batchSize: 8, seed: 1, progress: "none", shuffle: false } as const;
  const build = (dropout: number) => buildCharLm({ vocabSize: 6, units: 8, layers: 2, dropout, seed: 3, timesteps: 20 });
  const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  const rowsOf = (rows: { seconds: number }[]) => rows.map(({ seconds, ...r }) => r);
  for (const dropout of [0, 0.25]) {
    const straight = await startRun(`straight-${dropout}`, { classes: ["0", "1", "2", "3", "4", "5"], dir: parent });
    const a = build(dropout);
    const whole = await straight.fit(a, data, fit);
    straight.mark({ status: "interrupted", reason: "test: compared, not finished" });
    const stopped = await startRun(`stopped-${dropout}`, { classes: ["0", "1", "2", "3", "4", "5"], dir: parent });
    const b = build(dropout);
    await stopped.fit(b, data, { ...fit, epochs: 2 });
    stopped.mark({ status: "interrupted", reason: "test: stopped after epoch 2" });
    b.dispose();
    // As the sweep resumes a trial (reopenRun with the model built again): the same optimizer (FusedAdam, clipped).
    const { run, model } = await resumeRun(stopped.dir, { model: build(dropout) });
    const resumed = await run.fit(model, data, fit);
    run.mark({ status: "interrupted", reason: "test: compared, not finished" });
    assert.deepEqual(resumed.rows.map((r) => r.epoch), [1, 2, 3, 4]);
    assert.deepEqual(rowsOf(resumed.rows), rowsOf(whole.rows), `dropout ${dropout}: resumed history = uninterrupted`);
    assert.deepEqual(weights(model), weights(a), `dropout ${dropout}: resumed weights = uninterrupted`);
    a.dispose();
    model.dispose();
  }
  tf.dispose([data.x, data.y]);
});
