// Two resumes of one run: only one may write. Before the writer lock, Promise.all of two
// resumeRun calls in one process both continued (the liveness check skipped its own pid) and
// history.csv became 1 2 3 3 4 4 …; here 50 such pairs over 50 copies of an interrupted run.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { buildTutorialClassifier } from "../../src/models/buildTutorialClassifier";
import { openRun } from "../../src/runs/openRun";
import { resumeRun } from "../../src/runs/resumeRun";
import { startRun } from "../../src/runs/startRun";
import { childData } from "../support/runChild";

test("50 pairs of resumeRun(d) started together in one process: one writer per run (the other is refused naming the live writer); the winner continues with history 1…4", async () => {
  await initBackend("wasm");
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-double-"));
  const data = childData(48, 2);
  const run = await startRun("twice", { classes: ["a", "b", "c"], dir: parent });
  const model = buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 3, seed: 1 });
  await run.fit(model, data, { epochs: 2, batchSize: 16, progress: "none" });
  model.dispose();
  run.mark({ status: "interrupted", reason: "SIGINT during epoch 3; epoch 2 was the last completed" });
  let writers = 0;
  let doubles = 0;
  for (let i = 0; i < 50; i++) {
    const dir = path.join(parent, `copy-${i}`);
    fs.cpSync(run.dir, dir, { recursive: true });
    const pair = await Promise.allSettled([resumeRun(dir), resumeRun(dir)]);
    const won = pair.filter((p): p is PromiseFulfilledResult<Awaited<ReturnType<typeof resumeRun>>> => p.status === "fulfilled");
    writers += won.length;
    if (won.length > 1) doubles++;
    for (const p of pair) {
      if (p.status === "rejected") assert.match((p.reason as Error).message, /writer\.lock: the run has a live writer: process \d+ on .* holds it and is alive \(this process: another Run object writes the run\)/);
    }
    if (i < 2) {
      // The winner writes: history 1…4 once each, and the run reads back finished.
      const { run: r, model: m } = won[0].value;
      await r.fit(m, data, { epochs: 4, progress: "none" });
      await r.evaluate(m, data);
      await r.finish();
      assert.deepEqual((await openRun(dir)).rows.map((row) => row.epoch), [1, 2, 3, 4]);
      assert.equal((await openRun(dir)).status, "finished");
      m.dispose();
    } else {
      for (const p of won) { p.value.run.mark({ status: "interrupted", reason: "test" }); p.value.model.dispose(); }
    }
    assert.ok(!fs.existsSync(path.join(dir, "writer.lock")), `copy ${i}: the lock is released`);
  }
  assert.equal(doubles, 0, "no pair had two writers");
  assert.equal(writers, 50);
  tf.dispose([data.x, data.y]);
});
