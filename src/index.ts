// The public API of grulab, in the order data flows through it: backend → data → model →
// training and runs → traces → charts → export → notebook display. Re-exports only; internals
// (CLI, HTML plumbing, raw kernels, layer plumbing) stay in their files, and tests import them
// from there. docs/api.md explains the groups; `npm run docs` builds the reference from the doc
// comments (every export below has one, with an @example: test/api.test.ts checks it).

// Backend: pick and start the tensor backend (tensorflow > wasm > cpu).
export { BACKENDS, initBackend, tensorflowRegistered } from "./backend";
export type { BackendName } from "./backend";

// Data: read and check CSVs, the bundled Seattle weather set, windows, splits, scaling, encodings.
export { chronologicalSplit } from "./data/chronologicalSplit";
export type { ChronologicalSplit } from "./data/chronologicalSplit";
export { classCounts } from "./data/classCounts";
export { datasetPath } from "./data/datasetPath";
export { dayOfYearFeatures } from "./data/dayOfYearFeatures";
export { encodeClasses } from "./data/encodeClasses";
export { loadSeattleWeather, SEATTLE_NUMERIC } from "./data/loadSeattleWeather";
export type { SeattleWeather, SeattleWeatherOptions, WindowedSplit } from "./data/loadSeattleWeather";
export { makeWindows } from "./data/makeWindows";
export type { Windows } from "./data/makeWindows";
export { oneHot } from "./data/oneHot";
export { readCsvFrame } from "./data/readCsvFrame";
export type { CsvColumns } from "./data/readCsvFrame";
export { fitStandardScaler } from "./data/standardScaler";
export type { StandardScaler } from "./data/standardScaler";
export { seededRandom, shuffledIndices } from "./util/seededRandom";

// Models: grulab's GRU layer (Keras weights, both reset conventions, gates on request), the
// tutorial's classifier, weights from Keras/PyTorch, the fast orthogonal initializer, save/load.
export { buildTutorialClassifier } from "./models/buildTutorialClassifier";
export type { TutorialClassifierOptions, TutorialGruLayer } from "./models/buildTutorialClassifier";
export { fromKerasGRU, type WeightValue } from "./models/fromKerasGRU";
export { fromTorchGRU, type TorchGruKeys } from "./models/fromTorchGRU";
export { gru, GrulabGRU, type GruOptions } from "./models/gru";
export { lstm, GrulabLSTM, type LstmOptions } from "./models/lstm";
export { simpleRnn, GrulabSimpleRNN } from "./models/simpleRnn";
export type { RecurrentOptions } from "./models/recurrentSettings";
export { matchedUnits, recurrentParamCount, type ParamCountOptions, type RecurrentCell } from "./models/matchedUnits";
export type { LayerObjectIdentifier } from "./models/layerObjects";
export { FastOrthogonal, orthogonalInitializer } from "./models/orthogonalInitializer";
export { GRU_IMPLEMENTATIONS, type GruImplementation } from "./models/pickGruSequence";
export { loadModel } from "./io/loadModel";
export { saveModel } from "./io/saveModel";

// Training and runs: the train loop, evaluation, run folders (start, fit, evaluate, trace,
// save, finish; read back; resume) and the tutorial job. docs/run-folder.md has the format.
export { classificationMetrics } from "./training/classificationMetrics";
export type { ClassificationMetrics, ClassMetrics } from "./training/classificationMetrics";
export { evaluateClassifier } from "./training/evaluateClassifier";
export { regressionMetrics, type RegressionMetrics } from "./training/regressionMetrics";
export { historyColumns, type HistoryRow } from "./training/historyRow";
export { train } from "./training/train";
export type { TrainData, TrainOptions, TrainResult, TrainState } from "./training/train";
export { TrainingDiverged } from "./training/TrainingDiverged";
export { startRun, type StartRunOptions } from "./runs/startRun";
export { Run, type TraceOptions } from "./runs/Run";
export { finishRun, type FinishResult } from "./reports/finishRun";
export type { FitData, FitOptions, FitResult } from "./runs/fitRun";
export type { EvaluationData } from "./runs/evaluateModel";
export { openRun, type OpenedRun } from "./runs/openRun";
export { resumeRun } from "./runs/resumeRun";
export { RunInterrupted } from "./runs/RunInterrupted";
export { defaultRunsDir } from "./runs/runsDir";
export { RUN_FORMAT, type Baseline, type MetricsJson, type RunJson, type RunStatus, type Task } from "./runs/runFormat";
export { runTutorial, resumeTutorial, TUTORIAL_DEFAULTS } from "./studies/runTutorial";
export type { TutorialOptions, TutorialResult } from "./studies/runTutorial";
// Resume any job's run (grulab resume): tutorial, forecast, charlm, gru-vs-lstm (docs/reliability.md)
export { resumeJob, type ResumeJobOptions } from "./studies/resumeJob";

// Traces: every gate and state of every step of grulab GRU, LSTM and SimpleRNN layers for chosen samples, saturation, and their CSV files.
export { saturation, type SaturationRow } from "./traces/saturation";
export { TRACE_MAX_ROWS, traceGates, type GateTraces, type TraceGatesOptions } from "./traces/traceGates";
export { traceValues, type GruGateTrace, type LayerGateTrace, type LstmGateTrace, type SimpleRnnGateTrace } from "./traces/layerGateTrace";
export { gateMeanSeries } from "./charts/gateMeanSeries";
export { TRACE_COLUMNS } from "./traces/traceColumns";
export { writeTraces, type TraceInputs } from "./runs/writeTraces";

// Charts: plotly figures (plain JSON) of losses, gates, confusion, predictions.
export { confusionMatrix } from "./charts/confusionMatrix";
export type { Figure } from "./charts/figure";
export { gateHeatmap, type GateSequence, type InputSequence } from "./charts/gateHeatmap";
export { gateHistogram, type GateValues } from "./charts/gateHistogram";
export { gateMeans, type GateMeanSeries } from "./charts/gateMeans";
export { GATE_NAMES, gateLabel, gateRange, type GateName } from "./traces/gateName";
export { lossCurves } from "./charts/lossCurves";
export { predictionsVsActual, type PredictionsVsActualOptions } from "./charts/predictionsVsActual";
export { saturationPlot } from "./charts/saturationPlot";

// Reports and export: a run's report, comparisons of runs, figures as offline HTML, PNG, SVG or PDF.
export { writeReport, type WriteReportOptions, type WriteReportResult } from "./reports/writeReport";
export { compareRuns, type Comparison, type ComparisonCell, type ComparedRun } from "./reports/compareRuns";
export { compareReport, type CompareReportResult } from "./reports/compareReport";
export { exportChart } from "./export/exportChart";
export { figureToHtml } from "./export/figureToHtml";
export { DEFAULT_CHROMIUM, findChromium } from "./export/findChromium";
export { openChartExporter, type ChartExporter, type ExportOptions } from "./export/openChartExporter";

// Notebook display (tslab): show(x) for tables, figures and runs; live training charts.
export { show } from "./notebook/show";
export { liveChart } from "./notebook/liveChart";
export type { LiveChart } from "./notebook/liveChart";
export { showFigure } from "./notebook/showFigure";

// Studies (#10): baselines, metrics, the forecasting series and forecaster, the study jobs.
export { fitAutoregressive, type Autoregressive } from "./baselines/autoregressive";
export { persistenceForecast } from "./baselines/persistenceForecast";
export { seasonalNaiveForecast } from "./baselines/seasonalNaiveForecast";
export { loadForecastSeries, type ForecastSeries, type ForecastSeriesOptions, type ForecastSplit } from "./data/loadForecastSeries";
export { buildForecaster, type ForecasterOptions } from "./models/buildForecaster";
export { buildWindowClassifier, type WindowClassifierOptions } from "./models/buildWindowClassifier";
export { forecastBaselines, type ForecastBaseline } from "./baselines/forecastBaselines";
export { tutorialBaselines, type BaselineAccuracy, type TutorialBaselinesOptions } from "./baselines/tutorialBaselines";
export { meanStd, type MeanStd } from "./training/meanStd";
export { forecastMetrics, type ForecastMetrics } from "./training/forecastMetrics";
// The char-level study (Karpathy et al. 2015 on TypeScript's lib files): corpus, model, metrics, baselines, sampling, unit search.
export { loadTsLibCorpus, type CorpusFile, type TextCorpus, type TsLibCorpusOptions } from "./data/loadTsLibCorpus";
export { buildCharVocab, charVocab, type CharVocab, type CharVocabOptions } from "./data/charVocab";
export { charWindows, type CharWindows, type CharWindowsOptions } from "./data/charWindows";
export { buildCharLm, type CharLmOptions } from "./models/buildCharLm";
export { OneHotLayer, type OneHotLayerOptions } from "./models/oneHotLayer";
export { bitsPerCharacter } from "./training/bitsPerCharacter";
export { fitCharNgram, type CharNgram, type CharNgramOptions } from "./baselines/charNgram";
export { sampleIndex, sampleText, type SampleTextOptions } from "./training/sampleText";
export { readCharLm, type ReadCharLm, type ReadCharLmOptions } from "./traces/readCharLm";
export { CODE_FEATURES, codeFeatures, type CodeFeatures } from "./traces/codeFeatures";
export { unitFeatureCorrelation, type LayerValues, type UnitFeatureCorrelation, type UnitFeatureRow } from "./traces/unitFeatureCorrelation";
export { unitTextHtml, type UnitTextHtmlOptions } from "./charts/unitTextHtml";
export { bestByValidation, ngramBaselines, type NgramBaselineRow, type NgramBaselinesOptions } from "./baselines/ngramBaselines";
export { CHARLM_DEFAULTS, runCharLm, type CharLmJobOptions, type CharLmJobResult } from "./studies/runCharLm";
export { FORECAST_DEFAULTS, runForecast, type ForecastOptions, type ForecastResult } from "./studies/runForecast";
// Reliability: bounds before allocation, checked CSV columns, disposing a model with its optimizer (docs/reliability.md)
export { checkMemory } from "./bounds/checkMemory";
export { estimateMemory, type MemoryEstimate, type MemoryEstimateInput, type MemoryPart } from "./bounds/estimateMemory";
export { memoryLimit, type MemoryLimit } from "./bounds/memoryLimit";
export type { DayGap } from "./data/dailySeries";
export { SEATTLE_CLASSES } from "./data/loadSeattleWeather";
export { readCsvColumns, type CsvColumnArrays, type CsvColumnSpec } from "./data/readCsvColumns";
export { disposeModel } from "./models/disposeModel";

// Studies (#10 item 4, GRU vs LSTM vs SimpleRNN): synthetic long-dependency tasks, models of matched size, input gradients.
export { addingProblem, type AddingProblem, type AddingProblemOptions } from "./data/addingProblem";
export { delayedRecall, type DelayedRecall, type DelayedRecallOptions } from "./data/delayedRecall";
export { buildMatchedRnn, type MatchedRnnOptions } from "./studies/buildMatchedRnn";
export { inputGradientNorms } from "./studies/inputGradientNorms";
export { GRU_VS_LSTM_DEFAULTS, runGruVsLstm, type GruVsLstmOptions, type GruVsLstmRow } from "./studies/runGruVsLstm";
// The study's set-up at one task and length (data, matched models, baseline, one run), shared by runGruVsLstm and notebooks/04.
export { gruVsLstmTask, type GruVsLstmRunOptions, type GruVsLstmRunResult, type GruVsLstmSplit, type GruVsLstmTask, type GruVsLstmTaskOptions } from "./studies/gruVsLstmTask";
