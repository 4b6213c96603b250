// The public API of grulab: re-exports only. Notebooks, the CLI and tests import from here.
export type { Figure } from "./charts/figure";
export { lossCurves } from "./charts/lossCurves";
export { escapeHtml } from "./export/escapeHtml";
export { figureToHtml, scriptJson } from "./export/figureToHtml";
export { plotlyBundle } from "./export/plotlyBundle";
export { writeFileAtomic } from "./io/writeFileAtomic";
export { fromKerasGRU, type WeightValue } from "./models/fromKerasGRU";
export { fromTorchGRU, type TorchGruKeys } from "./models/fromTorchGRU";
export { gru, GrulabGRU, type GruOptions } from "./models/gru";
export { gruActivation } from "./models/gruActivation";
export type { GruSequenceFn, GruSequenceInputs, GruSequenceOptions, GruSequenceOutputs } from "./models/gruSequence";
export { serializeLayerObject, toLayerObject, type LayerObjectIdentifier } from "./models/layerObjects";
export { GRU_IMPLEMENTATIONS, pickGruSequence, type GruImplementation } from "./models/pickGruSequence";
export { referenceGruSequence } from "./models/referenceGruSequence";
export { saturation, type SaturationRow } from "./traces/saturation";
export { TRACE_MAX_ROWS, traceGates, type GateTraces, type LayerGateTrace, type TraceGatesOptions } from "./traces/traceGates";
export { writeTraces, type TraceInputs } from "./traces/writeTraces";
export type { HistoryRow } from "./training/historyRow";
