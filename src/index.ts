// The public API of grulab: re-exports only. Notebooks, the CLI and tests import from here.
export type { Figure } from "./charts/figure";
export { lossCurves } from "./charts/lossCurves";
export { escapeHtml } from "./export/escapeHtml";
export { figureToHtml, scriptJson } from "./export/figureToHtml";
export { plotlyBundle } from "./export/plotlyBundle";
export { writeFileAtomic } from "./io/writeFileAtomic";
export type { HistoryRow } from "./training/historyRow";
export type { GruSequenceFn, GruSequenceInputs, GruSequenceOptions, GruSequenceOutputs } from "./models/gruSequence";
export { fromKerasGRU, weightTensor, type WeightValue } from "./models/fromKerasGRU";
export { fromTorchGRU, type TorchGruKeys } from "./models/fromTorchGRU";
export { gru, GrulabGRU, type GruOptions } from "./models/gru";
export { gruActivation } from "./models/gruActivation";
export { serializeLayerObject, toLayerObject, type LayerObjectIdentifier } from "./models/layerObjects";
export { GRU_IMPLEMENTATIONS, pickGruSequence, type GruImplementation } from "./models/pickGruSequence";
export { referenceGruSequence } from "./models/referenceGruSequence";
