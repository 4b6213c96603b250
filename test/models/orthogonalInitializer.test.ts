import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { FastOrthogonal, orthogonalInitializer } from "../../src/advanced/index";

// Q·Qᵀ (wide: orthonormal rows) or Qᵀ·Q (tall: orthonormal columns) must be gain²·I.
function maxOrthoError(w: tf.Tensor2D, gain: number): number {
  const [rows, cols] = w.shape;
  return tf.tidy(() => {
    const g = rows < cols ? tf.matMul(w, w, false, true) : tf.matMul(w, w, true, false);
    return g.sub(tf.eye(Math.min(rows, cols)).mul(gain * gain)).abs().max().dataSync()[0];
  });
}

test("orthogonalInitializer gives orthonormal rows (wide) or columns (tall), scaled by gain", async () => {
  await initBackend("cpu");
  for (const [shape, gain] of [[[128, 384], 1], [[384, 128], 1], [[7, 7], 2], [[5, 3], 0.5]] as const) {
    const w = orthogonalInitializer({ seed: 1, gain }).apply([...shape]) as tf.Tensor2D;
    assert.deepEqual(w.shape, shape);
    assert.ok(maxOrthoError(w, gain) < 1e-5, `${shape} gain ${gain}`);
  }
  // Leading dimensions are flattened into rows, as Keras does.
  const w3 = orthogonalInitializer({ seed: 2 }).apply([2, 3, 8]);
  assert.ok(maxOrthoError(w3.reshape([6, 8]) as tf.Tensor2D, 1) < 1e-5);
  assert.throws(() => orthogonalInitializer().apply([4]), /shape must be at least 2-D/);
});

test("orthogonalInitializer: the same seed gives the same matrix, another seed another", async () => {
  await initBackend("cpu");
  const a = orthogonalInitializer({ seed: 3 }).apply([6, 18]).dataSync();
  const b = orthogonalInitializer({ seed: 3 }).apply([6, 18]).dataSync();
  const c = orthogonalInitializer({ seed: 4 }).apply([6, 18]).dataSync();
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("FastOrthogonal serializes as GrulabOrthogonal and loads back; tfjs's own 'orthogonal' is left alone", async () => {
  await initBackend("cpu");
  const layer = tf.layers.gru({ units: 4, inputShape: [2, 3], recurrentInitializer: orthogonalInitializer({ seed: 5 }) });
  const model = tf.sequential({ layers: [layer] });
  const config = layer.getConfig() as Record<string, any>;
  assert.deepEqual(config.recurrentInitializer, { className: "GrulabOrthogonal", config: { gain: 1, seed: 5 } });
  // A saved model naming it loads (the class is registered under its own name).
  const back = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as unknown as tf.io.ModelJSON);
  const backCell = (back.layers[0] as unknown as { cell: { recurrentInitializer: unknown } }).cell;
  assert.ok(backCell.recurrentInitializer instanceof FastOrthogonal);
  // tfjs's GRU default, the string "orthogonal", still gives tfjs's own class.
  const byName = tf.layers.gru({ units: 4, inputShape: [2, 3] });
  tf.sequential({ layers: [byName] });
  const cell = (byName as unknown as { cell: { recurrentInitializer: { getClassName(): string } } }).cell;
  assert.ok(!(cell.recurrentInitializer instanceof FastOrthogonal));
  assert.equal(cell.recurrentInitializer.getClassName(), "Orthogonal");
});
