import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend, startRun } from "../../src/index";

const data = () => ({
  x: tf.randomNormal([10, 4, 2], 0, 1, "float32", 5) as tf.Tensor3D,
  y: tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0], "int32"), 3),
});

test("Run: baselines replace one of the same name and reach metrics.json; addTestMetrics adds to the test metrics; both check their numbers", async () => {
  await initBackend("cpu");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-run-"));
  const d = data();
  const model = buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 3, seed: 2 });
  const run = await startRun("methods", { classes: ["a", "b", "c"], dir });
  assert.throws(() => run.addTestMetrics({ bpc: 2 }), /addTestMetrics needs evaluate\(model, testData\) first/);
  await run.fit(model, d, { epochs: 1, progress: "none" });
  await run.evaluate(model, d);
  run.addBaseline("rule", { accuracy: 0.5 });
  run.addBaseline("rule", { accuracy: 0.55 });
  run.addTestMetrics({ bpc: 1.93 });
  assert.throws(() => run.addBaseline("bad", { accuracy: "high" as unknown as number }), /addBaseline "bad": metric accuracy must be a number, got "high"/);
  const metrics = JSON.parse(fs.readFileSync(path.join(run.dir, "metrics.json"), "utf8"));
  assert.deepEqual(metrics.baselines.filter((b: { name: string }) => b.name === "rule"), [{ name: "rule", test: { accuracy: 0.55 } }]);
  assert.equal(metrics.test.bpc, 1.93);
  tf.dispose([d.x, d.y]);
  model.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("Run.traceGates: samples.csv names each traced sample (index, class, date); bad samples and label counts are errors naming the option", async () => {
  await initBackend("cpu");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-run-trace-"));
  const d = data();
  const model = buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 3, seed: 2 });
  const run = await startRun("trace", { classes: ["a", "b", "c"], dir });
  await assert.rejects(run.traceGates(model, d, { samples: [10] }), /traceGates: option samples has 10, expected an index in \[0, 10\)/);
  await assert.rejects(run.traceGates(model, d, { samples: [1, 2], labels: ["x"] }), /traceGates: option labels has 1 entries for 2 samples/);
  const traces = await run.traceGates(model, d, { samples: [3, 7], labels: ["a, b", "c"], targetDates: ["2015-01-01", "2015-01-02"] });
  assert.deepEqual(traces.layers.map((l) => l.shape), [[2, 4, 3]]);
  assert.equal(fs.readFileSync(path.join(run.dir, "traces", "samples.csv"), "utf8"), 'sample,index,class,targetDate\n0,3,"a, b",2015-01-01\n1,7,c,2015-01-02\n');
  tf.dispose([d.x, d.y]);
  model.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});
