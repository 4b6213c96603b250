// The public API of grulab: re-exports only. Notebooks, the CLI and tests import from here.
export type { Figure } from "./charts/figure";
export { lossCurves } from "./charts/lossCurves";
export { escapeHtml } from "./export/escapeHtml";
export { figureToHtml, scriptJson } from "./export/figureToHtml";
export { plotlyBundle } from "./export/plotlyBundle";
export { writeFileAtomic } from "./io/writeFileAtomic";
export { fusedGruSequence, fusedSupports } from "./kernels/fusedGruSequence";
export { gruKernelBackward } from "./kernels/gruKernelBackward";
export type { GruGateGradients, GruKernelGradients } from "./kernels/gruKernelBackward";
export { gruKernelForward } from "./kernels/gruKernelForward";
export type { GruKernelInputs, GruKernelOutputs, GruKernelState } from "./kernels/gruKernelForward";
export type { GruKernelShape } from "./kernels/gruKernelLayout";
export type { HistoryRow } from "./training/historyRow";
export type { GruSequenceFn, GruSequenceInputs, GruSequenceOptions, GruSequenceOutputs } from "./models/gruSequence";
