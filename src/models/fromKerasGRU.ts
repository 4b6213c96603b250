import * as tf from "@tensorflow/tfjs";

/** A weight given as a tensor or as nested arrays (what `tolist()` / `.numpy().tolist()` saved to JSON gives). */
export type WeightValue = tf.Tensor | number[] | number[][];

/**
 * Checks Keras GRU weights and returns them as tensors in the order `layer.setWeights` takes:
 * kernel [inputDim, 3·units], recurrentKernel [units, 3·units], and bias [3·units]
 * (reset_after=False) or [2, 3·units] (reset_after=True), left out when null. Gate order z | r | h.
 * A wrong shape throws an Error naming the argument and the expected shape. The caller disposes the tensors.
 *
 * @example
 * layer.setWeights(fromKerasGRU(kerasKernel, kerasRecurrentKernel, kerasBias));
 */
export function fromKerasGRU(kernel: WeightValue, recurrentKernel: WeightValue, bias: WeightValue | null = null): tf.Tensor[] {
  const out: tf.Tensor[] = [];
  try {
    const u = weightTensor(recurrentKernel, "fromKerasGRU: recurrentKernel", out);
    if (u.rank !== 2 || u.shape[1] !== 3 * u.shape[0]) {
      throw new Error(`fromKerasGRU: recurrentKernel has shape [${u.shape.join(", ")}], expected [units, 3·units]`);
    }
    const h3 = u.shape[1];
    const k = weightTensor(kernel, "fromKerasGRU: kernel", out);
    if (k.rank !== 2 || k.shape[1] !== h3) {
      throw new Error(`fromKerasGRU: kernel has shape [${k.shape.join(", ")}], expected [inputDim, ${h3}] (3·units, units = ${h3 / 3} from recurrentKernel)`);
    }
    if (bias === null || bias === undefined) return [k, u];
    const b = weightTensor(bias, "fromKerasGRU: bias", out);
    const ok = (b.rank === 1 && b.shape[0] === h3) || (b.rank === 2 && b.shape[0] === 2 && b.shape[1] === h3);
    if (!ok) throw new Error(`fromKerasGRU: bias has shape [${b.shape.join(", ")}], expected [${h3}] (reset_after=False) or [2, ${h3}] (reset_after=True)`);
    return [k, u, b];
  } catch (err) {
    tf.dispose(out);
    throw err;
  }
}

/**
 * A float32 tensor of `value` (a copy when it already is a tensor, so the result is the caller's
 * to dispose); `made` collects it for cleanup. A ragged or non-numeric array, or a NaN or infinite
 * value (in a tensor or an array), throws naming `what` and the index.
 *
 * @example
 * const w = weightTensor([[1, 2], [3, 4]], "weight_ih_l0", []);
 */
export function weightTensor(value: WeightValue, what: string, made: tf.Tensor[]): tf.Tensor {
  let t: tf.Tensor;
  if (value instanceof tf.Tensor) {
    t = tf.cast(value, "float32");
    made.push(t);
    const values = t.dataSync();
    const i = values.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) throw new Error(`${what}: value at ${indexText(i, t.shape)} is ${values[i]}, expected a finite number`);
    return t;
  }
  if (!Array.isArray(value)) {
    throw new Error(`${what}: expected a tf.Tensor or a nested array of numbers, got ${value === null ? "null" : typeof value}`);
  }
  t = tf.tensor(value, nestedShape(value, what), "float32");
  made.push(t);
  return t;
}

/** "[i][j]…" of flat index `i` in a row-major tensor of `shape`. */
function indexText(i: number, shape: number[]): string {
  const parts: number[] = [];
  for (let k = shape.length - 1, rest = i; k >= 0; k--) {
    parts.unshift(rest % shape[k]);
    rest = Math.floor(rest / shape[k]);
  }
  return parts.map((p) => `[${p}]`).join("") || "top";
}

/** A value as a message shows it: NaN and Infinity by name (JSON would say null), strings quoted. */
function valueText(v: unknown): string {
  return typeof v === "number" ? String(v) : v === undefined ? "undefined" : JSON.stringify(v);
}

/** The shape of a rectangular nested array of finite numbers; anything else throws naming `what` and the index. */
function nestedShape(value: unknown, what: string): number[] {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  const visit = (v: unknown, depth: number, at: string): void => {
    if (depth === shape.length) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${what}: value at ${at || "top"} is ${valueText(v)}, expected a finite number`);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(`${what}: not a rectangular numeric array: ${at || "top"} has ${Array.isArray(v) ? v.length : "no"} entries, expected ${shape[depth]}`);
    }
    v.forEach((x, i) => visit(x, depth + 1, `${at}[${i}]`));
  };
  visit(value, 0, "");
  return shape;
}
