import * as tf from "@tensorflow/tfjs";

interface Moment { originalName: string; variable: tf.Variable }
// AdamOptimizer's private state, the same fields tfjs's own applyGradients keeps (so getWeights,
// setWeights and checkpoints see one Adam whichever applyGradients ran).
interface AdamState { accBeta1: tf.Variable; accBeta2: tf.Variable; accumulatedFirstMoment: Moment[]; accumulatedSecondMoment: Moment[] }

/**
 * tfjs's Adam (β 0.9 / 0.999, ε the backend's epsilon, bias-corrected as Kingma & Ba and Keras)
 * whose step runs in one pass over each weight's values instead of ~15 tensor ops per weight,
 * with each gradient first clipped to an L2 norm ≤ `clipNorm` when `clipNorm` > 0 (Keras's
 * `clipnorm`). The same state as `tf.train.adam` (class name "Adam", moments `<name>/m` and
 * `<name>/v`, accBeta1/accBeta2): its weights save, load and resume as tfjs's Adam's do.
 *
 * @example
 * const optimizer = new FusedAdam(0.002, 5);
 * model.compile({ optimizer, loss: "sparseCategoricalCrossentropy" });
 */
export class FusedAdam extends tf.AdamOptimizer {
  readonly clipNorm: number;

  constructor(learningRate: number, clipNorm = 0) {
    super(learningRate, 0.9, 0.999);
    this.clipNorm = clipNorm;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const list = Array.isArray(variableGradients)
      ? variableGradients.map(({ name, tensor }) => ({ name, tensor: tensor as tf.Tensor | null }))
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] as tf.Tensor | null }));
    const state = this as unknown as AdamState;
    // Every operation rounded to float32 in the order of tfjs's Adam (and of the tensor-op clip
    // adamOptimizer used before): the same bits as tf.train.adam on the wasm backend, so a run
    // resumed with tfjs's own Adam (a checkpoint loaded compiled) goes on exactly as it would have.
    const f = Math.fround;
    const [b1, b2, eps] = [f(this.beta1), f(this.beta2), f(this.epsilon)];
    const [oneMinusB1, oneMinusB2, minusLr] = [f(1 - this.beta1), f(1 - this.beta2), f(-this.learningRate)];
    const c1 = f(1 - state.accBeta1.dataSync()[0]);
    const c2 = f(1 - state.accBeta2.dataSync()[0]);
    const clip = f(this.clipNorm);
    tf.tidy(() => {
      list.forEach(({ name, tensor }, i) => {
        const value = tf.engine().registeredVariables[name];
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (tensor == null) return;
        const m = state.accumulatedFirstMoment[i].variable, v = state.accumulatedSecondMoment[i].variable;
        // dataSync may return the backend's own array (cpu): read only, write new arrays.
        const g = tensor.dataSync() as Float32Array, w = value.dataSync() as Float32Array;
        const m0 = m.dataSync() as Float32Array, v0 = v.dataSync() as Float32Array;
        let scale = 1;
        if (clip > 0) {
          // g · clipNorm / max(‖g‖, clipNorm), ‖g‖ = sqrt(Σ g²) summed in order in float32
          let sq = 0;
          for (let k = 0; k < g.length; k++) sq = f(sq + f(g[k] * g[k]));
          scale = f(clip / Math.max(f(Math.sqrt(sq)), clip));
        }
        const m1 = new Float32Array(g.length), v1 = new Float32Array(g.length), w1 = new Float32Array(g.length);
        for (let k = 0; k < g.length; k++) {
          const gk = clip > 0 ? f(g[k] * scale) : g[k];
          const mk = f(f(m0[k] * b1) + f(gk * oneMinusB1));
          const vk = f(f(v0[k] * b2) + f(f(gk * gk) * oneMinusB2));
          m1[k] = mk;
          v1[k] = vk;
          const denominator = f(f(Math.sqrt(f(vk / c2))) + eps);
          w1[k] = f(f(f(f(mk / c1) / denominator) * minusLr) + w[k]);
        }
        m.assign(tf.tensor(m1, m.shape));
        v.assign(tf.tensor(v1, v.shape));
        value.assign(tf.tensor(w1, value.shape));
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, b1));
      state.accBeta2.assign(tf.mul(state.accBeta2, b2));
    });
    this.incrementIterations();
  }
}
