import * as tf from "@tensorflow/tfjs";
import { fromKerasGRU, weightTensor, type WeightValue } from "./fromKerasGRU";

/** Which `nn.GRU` layer of a state dict to read: `weight_ih_l{layer}{_reverse}`, keys optionally prefixed (e.g. "gru."). */
export interface TorchGruKeys {
  layer?: number;
  reverse?: boolean;
  prefix?: string;
}

/**
 * Maps PyTorch `nn.GRU` weights to grulab's GRU with resetAfter true, in `setWeights` order:
 * kernel [D, 3H] = weight_ih_l0ᵀ, recurrentKernel [H, 3H] = weight_hh_l0ᵀ, bias [2, 3H] =
 * [bias_ih_l0, bias_hh_l0], each with PyTorch's gate blocks r | z | n reordered to Keras's z | r | h.
 * PyTorch's n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) and h' = (1 − z) ⊙ n + z ⊙ h are
 * Keras's reset_after equations, so nothing else changes. Without bias keys (bias=False) the
 * result has no bias (use the layer with useBias false). Values: tensors or nested arrays
 * (a state dict saved with `{k: v.tolist()}`). Missing keys and wrong shapes throw naming the key.
 *
 * @example
 * const layer = gru({ units: 64 }); layer.build([null, null, 8]);
 * layer.setWeights(fromTorchGRU(JSON.parse(fs.readFileSync("gru.json", "utf8"))));
 */
export function fromTorchGRU(stateDict: Record<string, WeightValue>, keys: TorchGruKeys = {}): tf.Tensor[] {
  if (stateDict === null || typeof stateDict !== "object" || Array.isArray(stateDict) || stateDict instanceof tf.Tensor) {
    const got = stateDict === null ? "null" : Array.isArray(stateDict) ? "an array" : stateDict instanceof tf.Tensor ? "a tensor" : typeof stateDict;
    throw new Error(`fromTorchGRU: expected a state dict (an object with weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 as tensors or nested arrays), got ${got}`);
  }
  const suffix = `_l${keys.layer ?? 0}${keys.reverse ? "_reverse" : ""}`;
  const key = (name: string) => `${keys.prefix ?? ""}${name}${suffix}`;
  const made: tf.Tensor[] = [];
  const get = (name: string, required: boolean): tf.Tensor | null => {
    const k = key(name);
    if (!(k in stateDict)) {
      if (!required) return null;
      throw new Error(`fromTorchGRU: the state dict has no key "${k}" (keys: ${Object.keys(stateDict).join(", ") || "none"})`);
    }
    return weightTensor(stateDict[k], `fromTorchGRU: ${k}`, made);
  };
  try {
    const wHh = get("weight_hh", true)!;
    const [rows, hidden] = wHh.shape as number[];
    if (wHh.rank !== 2 || rows !== 3 * hidden) {
      throw new Error(`fromTorchGRU: ${key("weight_hh")} has shape [${wHh.shape.join(", ")}], expected [3·hidden, hidden]`);
    }
    const wIh = get("weight_ih", true)!;
    if (wIh.rank !== 2 || wIh.shape[0] !== 3 * hidden) {
      throw new Error(`fromTorchGRU: ${key("weight_ih")} has shape [${wIh.shape.join(", ")}], expected [${3 * hidden}, inputSize] (3·hidden, hidden = ${hidden} from ${key("weight_hh")})`);
    }
    const bIh = get("bias_ih", false);
    const bHh = get("bias_hh", false);
    if ((bIh === null) !== (bHh === null)) {
      throw new Error(`fromTorchGRU: found only one of ${key("bias_ih")} and ${key("bias_hh")}; expected both or neither`);
    }
    for (const [name, b] of [["bias_ih", bIh], ["bias_hh", bHh]] as const) {
      if (b !== null && (b.rank !== 1 || b.shape[0] !== 3 * hidden)) {
        throw new Error(`fromTorchGRU: ${key(name)} has shape [${b.shape.join(", ")}], expected [${3 * hidden}]`);
      }
    }
    // PyTorch stacks gate blocks r | z | n along axis 0; Keras wants z | r | h.
    const reorder = (t: tf.Tensor) => tf.tidy(() => {
      const [r, z, n] = tf.split(t, 3, 0);
      return tf.concat([z, r, n], 0);
    });
    const kernel = tf.tidy(() => tf.transpose(reorder(wIh)));
    const recurrentKernel = tf.tidy(() => tf.transpose(reorder(wHh)));
    const bias = bIh && bHh ? tf.tidy(() => tf.stack([reorder(bIh), reorder(bHh)])) : null;
    made.push(kernel, recurrentKernel, ...(bias ? [bias] : []));
    return fromKerasGRU(kernel, recurrentKernel, bias);
  } finally {
    tf.dispose(made);
  }
}
