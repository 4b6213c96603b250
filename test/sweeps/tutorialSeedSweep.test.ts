import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { loadSeattleWeather } from "../../src/data/loadSeattleWeather";
import { buildTutorialClassifier } from "../../src/models/buildTutorialClassifier";
import { RUN_FILES } from "../../src/runs/runFormat";
import { openSweep } from "../../src/sweeps/openSweep";
import { trialDir } from "../../src/sweeps/runTrial";
import { tutorialSeedSweep } from "../../src/sweeps/tutorialSeedSweep";
import { train } from "../../src/training/train";

test("tutorialSeedSweep trains the seeds as a sweep with the old hand loop's numbers, and reads the trials back the second time", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-tutorial-seeds-"));
  const data = await loadSeattleWeather({ verbose: false });
  try {
    const trainSeeds = tutorialSeedSweep({ dir });
    const request = { seeds: [2, 1], epochs: 2, patience: 6, units: 8, data };
    const first = await trainSeeds(request);
    assert.deepEqual(first.map((r) => [r.seed, r.epochs]), [[2, 2], [1, 2]]);
    const sweepDir = path.join(dir, "tutorial-study-8u-14t-2e-6p-seeds-2-1");
    const sweep = await openSweep(sweepDir);
    assert.deepEqual(sweep.rows.map((r) => [r.seed, r.units, r.learningRate, r.batchSize, r.status]).sort(), [[1, 8, 0.001, 32, "finished"], [2, 8, 0.001, 32, "finished"]]);
    // The hand loop tutorialStudy had before the sweep: build, train with early stopping, predict.
    for (const r of first) {
      const model = buildTutorialClassifier({ timesteps: 14, inputDim: data.featureNames.length, outputDim: data.classes.length, units: 8, seed: r.seed });
      const fit = await train(model, { x: data.train.x, y: data.train.y, validation: data.validation }, { epochs: 2, patience: 6, seed: r.seed, progress: "none" });
      const expected = tf.tidy(() => (model.predict(data.test.x) as tf.Tensor).arraySync() as number[][]);
      model.dispose();
      assert.equal(r.bestEpoch, fit.bestEpoch);
      assert.equal(r.probabilities.length, 219);
      assert.deepEqual(r.probabilities, expected, `seed ${r.seed}: the sweep's best model predicts exactly what the hand loop's model did`);
      assert.ok(r.probabilities.every((p) => Math.abs(p.reduce((s, v) => s + v, 0) - 1) < 1e-5));
    }
    assert.notDeepEqual(first[0].probabilities, first[1].probabilities);
    // Again: nothing trains (the trials' histories are untouched), the same probabilities come back.
    const history = (id: string) => fs.statSync(path.join(trialDir(sweepDir, id), RUN_FILES.history)).mtimeMs;
    const before = sweep.rows.map((r) => history(String(r.trialId)));
    const second = await trainSeeds(request);
    assert.deepEqual(second.map((r) => r.probabilities), first.map((r) => r.probabilities));
    assert.deepEqual(second.map((r) => [r.seed, r.epochs, r.bestEpoch, r.seconds]), first.map((r) => [r.seed, r.epochs, r.bestEpoch, r.seconds]));
    assert.deepEqual(sweep.rows.map((r) => history(String(r.trialId))), before);
  } finally {
    data.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
