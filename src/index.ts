// The core lab, `import * as grulab from "grulab"`: the names a notebook needs, in the order data
// flows through them (backend → data → layers → training → runs → traces → charts → reports →
// display). The study jobs and their parts are in "grulab/studies" (src/studies/index.ts); the
// plumbing below the core (layer classes, trace columns, Chromium, memory bounds, …) in
// "grulab/advanced" (src/advanced/index.ts). Re-exports only; every export has a doc comment with
// an @example (test/api.test.ts). docs/api.md explains the groups.
import "./util/oneTfjs"; // first: a linked grulab folder would load a second tfjs (this says so, at import)
import * as tf from "@tensorflow/tfjs";

/**
 * The @tensorflow/tfjs that grulab uses (the project's own copy, a peer dependency), re-exported
 * so a notebook needs one import.
 *
 * @example
 * const x = grulab.tf.tensor3d([[[1], [2]]]); // [batch 1, time 2, features 1]
 */
export { tf };

// Backend: pick and start the tensor backend (tensorflow > wasm > cpu).
export { initBackend, type BackendName } from "./backend";

// Data: CSVs with checked columns, the bundled Seattle weather set, windows, splits, scaling.
export { loadSeattleWeather, type SeattleWeather, type SeattleWeatherOptions, type WindowedSplit } from "./data/loadSeattleWeather";
export { readCsvFrame, type CsvColumns } from "./data/readCsvFrame";
export { makeWindows, type Windows } from "./data/makeWindows";
export { chronologicalSplit, type ChronologicalSplit } from "./data/chronologicalSplit";
export { fitStandardScaler, type StandardScaler } from "./data/standardScaler";
export { seededRandom, type SeededRandom } from "./util/seededRandom";

// Layers: grulab's GRU, LSTM and SimpleRNN (Keras weights, gates on request), the tutorial's
// classifier, weights from Keras and PyTorch, saving and loading.
export { gru, type GrulabGRU, type GruOptions } from "./models/gru";
export type { GruSequenceOutputs } from "./kernels/gruSequence";
export { lstm, type GrulabLSTM, type LstmOptions } from "./models/lstm";
export type { LstmSequenceOutputs } from "./kernels/lstmSequence";
export { simpleRnn, type GrulabSimpleRNN } from "./models/simpleRnn";
export type { SimpleRnnSequenceOutputs } from "./kernels/simpleRnnSequence";
export type { StateInput } from "./models/initialState";
export type { Shape } from "./models/layerShape";
export type { RecurrentOptions } from "./models/recurrentSettings";
export type { LayerObjectIdentifier } from "./models/layerObjects";
export type { GruImplementation } from "./models/pickGruSequence";
export { buildTutorialClassifier, type TutorialClassifierOptions, type TutorialGruLayer } from "./models/buildTutorialClassifier";
export type { DenseHead } from "./models/denseHead";
export { fromKerasGRU, type WeightValue } from "./models/fromKerasGRU";
export { fromTorchGRU, type TorchGruKeys } from "./models/fromTorchGRU";
export { saveModel } from "./io/saveModel";
export { loadModel } from "./io/loadModel";
export { disposeModel } from "./models/disposeModel";

// Training: the train loop and the metrics it reports.
export { train, type TrainData, type TrainOptions, type TrainResult, type TrainState } from "./training/train";
export type { HistoryRow } from "./training/historyRow";
export { evaluateClassifier } from "./training/evaluateClassifier";
export { classificationMetrics, type ClassificationMetrics, type ClassMetrics } from "./training/classificationMetrics";
export { regressionMetrics, type RegressionMetrics } from "./training/regressionMetrics";

// Runs: a run folder per experiment (start, fit, evaluate, trace, save, finish; read back; resume).
// docs/run-folder.md has the format.
export { startRun, type StartRunOptions } from "./runs/startRun";
export type { Run, TraceOptions } from "./runs/Run";
export type { FitData, FitOptions, FitResult, ResumePoint } from "./runs/fitRun";
export type { FitSettings } from "./runs/checkpoint";
export type { EvaluationData } from "./runs/evaluateModel";
export type { Baseline, MetricsJson, PerClassRow, RunJson, RunStatus, Task } from "./runs/runFormat";
export { finishRun, type FinishResult } from "./reports/finishRun";
export { openRun, type OpenedRun } from "./runs/openRun";
export { listRuns } from "./runs/listRuns";
export type { GateRow, InputRow, RunTraces, TracedLayer, TracedSample } from "./runs/readRunTraces";
export { resumeRun } from "./runs/resumeRun";
export { RunInterrupted } from "./runs/RunInterrupted";

// Traces: every gate and state of every step of grulab's recurrent layers for chosen samples.
export { traceGates, type GateTraces, type TraceGatesOptions } from "./traces/traceGates";
export type { GruGateTrace, LayerGateTrace, LstmGateTrace, SimpleRnnGateTrace } from "./traces/layerGateTrace";
export type { GateName } from "./traces/gateName";
export { saturation, type SaturationRow } from "./traces/saturation";

// Charts: plotly figures (plain JSON) of losses, gates, confusion, predictions.
export type { Figure } from "./charts/figure";
export { lossCurves } from "./charts/lossCurves";
export { gateHeatmap, type GateSequence, type InputSequence } from "./charts/gateHeatmap";
export { gateHistogram, type GateValues } from "./charts/gateHistogram";
export { gateMeanSeries } from "./charts/gateMeanSeries";
export { gateMeans, type GateMeanSeries } from "./charts/gateMeans";
export { saturationPlot } from "./charts/saturationPlot";
export { confusionMatrix } from "./charts/confusionMatrix";
export { predictionsVsActual, type PredictionsVsActualOptions } from "./charts/predictionsVsActual";

// Reports: a run's report, comparisons of runs, a figure as offline HTML, PNG, SVG or PDF.
export { writeReport, type WriteReportOptions, type WriteReportResult } from "./reports/writeReport";
export { compareRuns, type Comparison, type ComparisonCell, type ComparedRun } from "./reports/compareRuns";
export { compareReport, type CompareReportResult } from "./reports/compareReport";
export { exportChart } from "./export/exportChart";
export type { ExportOptions } from "./export/openChartExporter";

// Display in a notebook: show(x) for tables, figures and runs; live training charts.
export { show } from "./notebook/show";
export { showFigure } from "./notebook/showFigure";
export { liveChart, type LiveChart } from "./notebook/liveChart";
export type { DisplaySink, MimeBundle } from "./notebook/displaySink";
export { loadPlotly } from "./notebook/loadPlotly";
