import * as tf from "@tensorflow/tfjs";
import { fusedGruSequence, fusedSupports } from "../kernels/fusedGruSequence";
import type { GruSequenceFn, GruSequenceOptions } from "../kernels/gruSequence";
import { referenceGruSequence } from "./referenceGruSequence";

/** Which whole-sequence implementation a grulab GRU layer runs. */
export type GruImplementation = "reference" | "fused" | "auto";

/**
 * The accepted values of the layer option `implementation`.
 *
 * @example
 * for (const implementation of GRU_IMPLEMENTATIONS) gru({ units: 8, implementation });
 */
export const GRU_IMPLEMENTATIONS: readonly GruImplementation[] = ["reference", "fused", "auto"];

/**
 * Backends where "auto" runs the fused kernel: it reads tensors with dataSync, which is a cheap
 * copy on both, and is 10–30× faster there than the tf-ops reference (npm run bench). Not on
 * "tensorflow" (tfjs-node): not measured here (it cannot install on this machine), so the
 * reference keeps running on it.
 */
export const FUSED_BACKENDS: readonly string[] = ["cpu", "wasm"];

/**
 * THE place where a grulab GRU layer chooses its sequence implementation. Every layer call goes
 * through here. "reference": the tf-ops reference. "fused": the WebAssembly kernel
 * (src/kernels/; it throws for activations other than tanh/sigmoid). "auto": the fused kernel on
 * FUSED_BACKENDS for the cells it computes (`fusedSupports`), the reference otherwise. With
 * `options` the choice is made now for that cell and `backend`; without, "auto" returns a
 * function that chooses at each call for the active backend.
 *
 * @example
 * const run = pickGruSequence("auto");
 * const { h } = run({ x, h0, kernel, recurrentKernel, bias }, { resetAfter: true });
 * pickGruSequence("auto", { resetAfter: true }, "wasm") === fusedGruSequence; // true
 */
export function pickGruSequence(implementation: GruImplementation, options?: GruSequenceOptions,
                                backend: string = tf.getBackend()): GruSequenceFn {
  switch (implementation) {
    case "reference":
      return referenceGruSequence;
    case "fused":
      return fusedGruSequence;
    case "auto":
      if (!options) return (inputs, o) => pickGruSequence("auto", o)(inputs, o);
      return FUSED_BACKENDS.includes(backend) && fusedSupports(options) ? fusedGruSequence : referenceGruSequence;
    default:
      throw new Error(`GRU option implementation: "${implementation as string}", expected one of ${GRU_IMPLEMENTATIONS.join(", ")}`);
  }
}
