import * as tf from "@tensorflow/tfjs";
import { nativeKernelChoice } from "../kernels/nativeKernel";
import { ownsData, tensorMemory } from "../kernels/wasmTensorMemory";

interface Moment { originalName: string; variable: tf.Variable }
// AdamOptimizer's private state, the same fields tfjs's own applyGradients keeps (so getWeights,
// setWeights and checkpoints see one Adam whichever applyGradients ran).
interface AdamState { accBeta1: tf.Variable; accBeta2: tf.Variable; accumulatedFirstMoment: Moment[]; accumulatedSecondMoment: Moment[] }

/**
 * tfjs's Adam (β 0.9 / 0.999 unless given, ε the backend's epsilon unless given, bias-corrected as Kingma & Ba and Keras)
 * whose step runs in one pass over each weight's values instead of ~15 tensor ops per weight
 * (on tfjs's wasm backend in the backend's own memory: the moments in place, the weight into a
 * new tensor, src/kernels/wasmTensorMemory.ts),
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

  // tfjs's Optimizer answers `instanceof` by duck typing (anything with minimize, computeGradients
  // and applyGradients), which FusedAdam inherits: `tf.train.adam(…) instanceof FusedAdam` and even
  // `tf.train.sgd(…) instanceof FusedAdam` were true. A FusedAdam is what has its prototype.
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.prototype.isPrototypeOf.call(this.prototype, value);
  }

  // beta1, beta2, epsilon: for a resume that rebuilds the optimizer a checkpoint recorded.
  constructor(learningRate: number, clipNorm = 0, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon);
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
    const f = Math.fround; // (scalars only: the loops call Math.fround directly, which V8 inlines)
    const [b1, b2, eps] = [f(this.beta1), f(this.beta2), f(this.epsilon)];
    const [oneMinusB1, oneMinusB2, minusLr] = [f(1 - this.beta1), f(1 - this.beta2), f(-this.learningRate)];
    const c1 = f(1 - state.accBeta1.dataSync()[0]);
    const c2 = f(1 - state.accBeta2.dataSync()[0]);
    const clip = f(this.clipNorm);
    const k = Float32Array.of(clip, b1, b2, oneMinusB1, oneMinusB2, c1, c2, eps, minusLr);
    const step = nativeAdamExport<AdamStep>("adamStep") ?? adamStep;
    const stepInPlace = nativeAdamExport<AdamStepInPlace>("adamStepInPlace") ?? adamStepInPlace;
    tf.tidy(() => {
      list.forEach(({ name, tensor }, i) => {
        const value = tf.engine().registeredVariables[name];
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (tensor == null) return;
        const m = state.accumulatedFirstMoment[i].variable, v = state.accumulatedSecondMoment[i].variable;
        // On tfjs's wasm backend, when the moments share their data with no other tensor: the step
        // in the backend's heap, with no copies out. The moments (this optimizer's own, never an
        // op's operand) are overwritten in place; the weight is not: the backend caches an op's
        // prepared weights by tensor (XNNPACK's packed matmul operand, tf.layers.dense's kernel),
        // so a weight written in place would leave that cache stale. It gets a new tensor as
        // before: a copy made in the heap (tf.clone), stepped in place and assigned. The same
        // operations, the same bits. The views are taken after the last allocation (the clone) and
        // used at once (a new tensor may grow the heap and detach them).
        if (ownsData(m) && ownsData(v) && tensor.size === value.size) {
          const next = tf.clone(value);
          if (ownsData(next)) {
            const g = tensorMemory(tensor) ?? (tensor.dataSync() as Float32Array);
            const [w1, m0, v0] = [tensorMemory(next), tensorMemory(m), tensorMemory(v)];
            if (w1 && m0 && v0) { // w1 has value.size values (tensorMemory checks), as g has tensor.size
              stepInPlace(g, w1, m0, v0, k);
              value.assign(next);
              return;
            }
          }
        }
        // Elsewhere dataSync may return the backend's own array (cpu): read only, write new arrays.
        const g = tensor.dataSync() as Float32Array, w = value.dataSync() as Float32Array;
        const m0 = m.dataSync() as Float32Array, v0 = v.dataSync() as Float32Array;
        const m1 = new Float32Array(g.length), v1 = new Float32Array(g.length), w1 = new Float32Array(g.length);
        step(g, w, m0, v0, m1, v1, w1, k);
        m.assign(tf.tensor(m1, m.shape));
        v.assign(tf.tensor(v1, v.shape));
        value.assign(tf.tensor(w1, value.shape));
      });
      // β^t as tfjs's Adam updates it (one float32 product each); in place where they own their data
      for (const [acc, beta] of [[state.accBeta1, b1], [state.accBeta2, b2]] as const) {
        const view = ownsData(acc) ? tensorMemory(acc) : null;
        if (view) view[0] = f(view[0] * beta);
        else acc.assign(tf.mul(acc, beta));
      }
    });
    this.incrementIterations();
  }
}

type AdamStep = (g: Float32Array, w: Float32Array, m0: Float32Array, v0: Float32Array,
                 m1: Float32Array, v1: Float32Array, w1: Float32Array, k: Float32Array) => void;
type AdamStepInPlace = (g: Float32Array, w: Float32Array, m: Float32Array, v: Float32Array, k: Float32Array) => void;

const nativeSteps = new Map<string, unknown>();

// The GRU addon's adamStep or adamStepInPlace (src/kernels/native/adam.h: the loop below in C, the
// same bits, on vectors: FusedAdam on shape A's 53,000 weights 1.7 → 0.6 CPU ms per step, load 16, and
// its C step 0.29 → 0.06 ms once the loop really ran on vectors (docs/kernel.md);
// in place, w, m and v overwritten) where the native kernel is the one in use (GRULAB_KERNEL's rule,
// src/kernels/nativeKernel.ts), else null: the JS loop.
function nativeAdamExport<T>(name: "adamStep" | "adamStepInPlace"): T | null {
  if (nativeSteps.has(name)) return nativeSteps.get(name) as T | null;
  let step: T | null = null;
  try {
    const file = nativeKernelChoice("gru");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (file) step = (require(file) as Record<string, T | undefined>)[name] ?? null;
  } catch { /* no native build loads here: the JS loop */ }
  nativeSteps.set(name, step);
  return step;
}

// adamStep in place: each element of w, m and v is read before it is written, so the loop below
// may write into the arrays it reads.
function adamStepInPlace(g: Float32Array, w: Float32Array, m: Float32Array, v: Float32Array, k: Float32Array): void {
  adamStep(g, w, m, v, m, v, w, k);
}

// One weight's clip + Adam step, every operation rounded to float32 in the order of tfjs's ops.
// A top-level function calling Math.fround by name: V8 compiles it to float32 rounding
// instructions (an alias `const f = Math.fround` inside a closure stayed a call per operation:
// 29 of the char LM's 234 CPU ms per training step). k: clipNorm (0: none), β1, β2, 1 − β1,
// 1 − β2, 1 − β1^t, 1 − β2^t, ε, −learning rate, each already float32.
function adamStep(g: Float32Array, w: Float32Array, m0: Float32Array, v0: Float32Array,
                  m1: Float32Array, v1: Float32Array, w1: Float32Array, k: Float32Array): void {
  const [clip, b1, b2, oneMinusB1, oneMinusB2, c1, c2, eps, minusLr] = k;
  const n = g.length;
  let scale = 1;
  if (clip > 0) {
    // g · clipNorm / max(‖g‖, clipNorm), ‖g‖ = sqrt(Σ g²) summed in order in float32
    let sq = 0;
    for (let i = 0; i < n; i++) sq = Math.fround(sq + Math.fround(g[i] * g[i]));
    scale = Math.fround(clip / Math.max(Math.fround(Math.sqrt(sq)), clip));
  }
  for (let i = 0; i < n; i++) {
    const gi = clip > 0 ? Math.fround(g[i] * scale) : g[i];
    const mi = Math.fround(Math.fround(m0[i] * b1) + Math.fround(gi * oneMinusB1));
    const vi = Math.fround(Math.fround(v0[i] * b2) + Math.fround(Math.fround(gi * gi) * oneMinusB2));
    m1[i] = mi;
    v1[i] = vi;
    const denominator = Math.fround(Math.fround(Math.sqrt(Math.fround(vi / c2))) + eps);
    w1[i] = Math.fround(Math.fround(Math.fround(Math.fround(mi / c1) / denominator) * minusLr) + w[i]);
  }
}
