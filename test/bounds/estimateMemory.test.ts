import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { estimateMemory, formatBytes } from "../../src/bounds/estimateMemory";
import { buildTutorialClassifier, initBackend, loadSeattleWeather } from "../../src/index";
import { gruKernel } from "../../src/kernels/gruKernel";

const part = (e: ReturnType<typeof estimateMemory>, name: string) => e.parts.find((p) => p.name === name)!.bytes;

test("estimateMemory's weights and Adam state equal the bytes tfjs allocates for real models", async () => {
  await initBackend("cpu");
  for (const [units, timesteps, features, classes] of [[3, 2, 1, 2], [16, 14, 6, 5], [33, 5, 4, 7]]) {
    const e = estimateMemory({ units, timesteps, features, classes, batchSize: 4, rows: 0 });
    const start = tf.memory().numBytes;
    const model = buildTutorialClassifier({ timesteps, inputDim: features, outputDim: classes, units });
    assert.equal(model.countParams(), e.parameters, `parameters of GRU(${units})`);
    // + 8: compile's tf.train.adam makes its two float32 beta powers at construction.
    assert.equal(tf.memory().numBytes - start, part(e, "weights") + 8, `weight bytes of GRU(${units})`);
    const x = tf.zeros([4, timesteps, features]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1], "int32"), classes);
    await model.trainOnBatch(x, y);
    tf.dispose([x, y]);
    // + 4·4: after a step tfjs keeps one float32 tensor per batch sample with the model (freed by dispose; not estimated).
    assert.equal(tf.memory().numBytes - start, part(e, "weights") + part(e, "Adam state (2 slots)") + 4 * 4, `weights + Adam of GRU(${units})`);
    model.dispose();
    (model.optimizer as tf.Optimizer).dispose();
  }
});

test("estimateMemory's window tensors match loadSeattleWeather's tensors on the bundled file", async () => {
  await initBackend("cpu");
  const start = tf.memory().numBytes;
  const data = await loadSeattleWeather({ timesteps: 14, verbose: false });
  const measured = tf.memory().numBytes - start;
  const e = estimateMemory({ units: 8, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: data.rows });
  // The estimate counts a window per row; the first 14 rows of the file have none.
  assert.equal(part(e, "data: window tensors") - measured, 14 * (14 * 6 + 5) * 4);
  data.dispose();
});

test("estimateMemory's fused kernel bytes are what the kernel's memory grows to for a training step and a validation pass", async () => {
  await initBackend("cpu");
  const [units, timesteps, features, classes, batchSize] = [384, 14, 6, 5, 32];
  const e = estimateMemory({ units, timesteps, features, classes, batchSize, rows: 0 });
  assert.ok(e.kernelBytes > 16 * 2 ** 20, `big enough to grow the kernel's initial 16 MiB: ${formatBytes(e.kernelBytes)}`);
  const model = buildTutorialClassifier({ timesteps, inputDim: features, outputDim: classes, units, gruImplementation: "fused" });
  const x = tf.zeros([256, timesteps, features]);
  const y = tf.oneHot(tf.zeros([256], "int32"), classes);
  await model.trainOnBatch(tf.slice(x, 0, batchSize), tf.slice(y, 0, batchSize));
  tf.dispose(model.evaluate(x, y, { batchSize: 256 }));
  assert.equal(gruKernel().memory.buffer.byteLength, Math.ceil(e.kernelBytes / 65536) * 65536);
  tf.dispose([x, y]);
  model.dispose();
});

test("estimateMemory grows with each option, rejects nonsense and formats bytes", () => {
  const base = { units: 64, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: 1000 };
  const peak = estimateMemory(base).peak;
  for (const key of ["units", "timesteps", "batchSize", "rows"] as const) {
    assert.ok(estimateMemory({ ...base, [key]: base[key] * 2 }).peak > peak, key);
  }
  assert.ok(estimateMemory({ ...base, implementation: "tf-ops" }).kernelBytes === 0);
  assert.throws(() => estimateMemory({ ...base, units: 0 }), /estimateMemory: option units must be an integer ≥ 1, got 0/);
  assert.throws(() => estimateMemory({ ...base, rows: 1.5 }), /option rows must be an integer ≥ 0, got 1.5/);
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(3 * 2 ** 30), "3.0 GiB");
});
