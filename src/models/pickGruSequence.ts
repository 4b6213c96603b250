import type { GruSequenceFn } from "./gruSequence";
import { referenceGruSequence } from "./referenceGruSequence";

/** Which whole-sequence implementation a grulab GRU layer runs. */
export type GruImplementation = "reference" | "fused" | "auto";

/** The accepted values of the layer option `implementation`. */
export const GRU_IMPLEMENTATIONS: readonly GruImplementation[] = ["reference", "fused", "auto"];

/**
 * THE place where a grulab GRU layer chooses its sequence implementation. Every layer call goes
 * through here; to add an implementation (e.g. the fused kernel from `src/kernels/`), import it
 * in this file and return it from its case. Nothing else in the layer needs to change.
 *
 * @example
 * const run = pickGruSequence("auto");
 * const { h } = run({ x, h0, kernel, recurrentKernel, bias }, { resetAfter: true });
 */
export function pickGruSequence(implementation: GruImplementation): GruSequenceFn {
  switch (implementation) {
    case "reference":
      return referenceGruSequence;
    case "fused":
      // The fused kernel (src/kernels/, the Speed issue) plugs in here.
      throw new Error('GRU option implementation: "fused" is not available in this build; use "reference" or "auto"');
    case "auto":
      // The fused kernel, where available and faster on the active backend, plugs in here.
      return referenceGruSequence;
    default:
      throw new Error(`GRU option implementation: "${implementation as string}", expected one of ${GRU_IMPLEMENTATIONS.join(", ")}`);
  }
}
