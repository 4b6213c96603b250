// "grulab/advanced": the parts below the core lab that a notebook needs now and then: the layer
// classes themselves, backend probes, data helpers, run-folder and trace constants, the chart
// exporter with its browser, and memory bounds. Re-exports only.
import "../util/oneTfjs"; // first: a linked grulab folder would load a second tfjs (this says so, at import)

// Backend.
export { BACKENDS, tensorflowRegistered } from "../backend";

// Data helpers.
export { SEATTLE_CLASSES, SEATTLE_NUMERIC } from "../data/loadSeattleWeather";
export { readCsvColumns, type CsvColumnArrays, type CsvColumnSpec } from "../data/readCsvColumns";
export { datasetPath } from "../data/datasetPath";
export { classCounts } from "../data/classCounts";
export { encodeClasses } from "../data/encodeClasses";
export { oneHot } from "../data/oneHot";
export { dayOfYearFeatures } from "../data/dayOfYearFeatures";
export { shuffledIndices } from "../util/seededRandom";

// Layers: the classes (for instanceof and subclassing), the orthogonal initializer, the GRU's sequence implementations.
export { GrulabGRU } from "../models/gru";
export { GrulabLSTM } from "../models/lstm";
export { GrulabSimpleRNN } from "../models/simpleRnn";
export { FastOrthogonal, orthogonalInitializer } from "../models/orthogonalInitializer";
export { GRU_IMPLEMENTATIONS } from "../models/pickGruSequence";

// Runs and traces: the Run class, the run-folder format and the trace files' columns.
export { Run } from "../runs/Run";
export { RUN_FORMAT } from "../runs/runFormat";
export { defaultRunsDir } from "../runs/runsDir";
export { historyColumns } from "../training/historyRow";
export { TrainingDiverged } from "../training/TrainingDiverged";
export { writeTraces, type TraceInputs } from "../runs/writeTraces";
export { TRACE_MAX_ROWS } from "../traces/traceGates";
export { TRACE_COLUMNS } from "../traces/traceColumns";
export { traceValues } from "../traces/layerGateTrace";
export { GATE_NAMES, gateLabel, gateRange } from "../traces/gateName";

// Export: figures as offline HTML, the chart exporter and its Chromium.
export { figureToHtml } from "../export/figureToHtml";
export { openChartExporter, type ChartExporter } from "../export/openChartExporter";
export { findChromium, DEFAULT_CHROMIUM } from "../export/findChromium";

// Bounds: memory estimates and limits checked before allocation (docs/reliability.md).
export { checkMemory } from "../bounds/checkMemory";
export { estimateMemory, type MemoryEstimate, type MemoryEstimateInput, type MemoryPart } from "../bounds/estimateMemory";
export { memoryLimit, type MemoryLimit } from "../bounds/memoryLimit";
