// "grulab/studies": the study jobs (tutorial, forecast, char LM, GRU vs LSTM vs SimpleRNN) and
// the parts they are made of: their data, models, baselines, metrics and analyses. Re-exports only.
import "../util/oneTfjs"; // first: a linked grulab folder would load a second tfjs (this says so, at import)

// The jobs, as `grulab <job>` runs them, and resuming any of them.
export { runTutorial, resumeTutorial, TUTORIAL_DEFAULTS, type TutorialOptions, type TutorialResult } from "./runTutorial";
export { runForecast, FORECAST_DEFAULTS, type ForecastOptions, type ForecastResult } from "./runForecast";
export { runCharLm, CHARLM_DEFAULTS, type CharLmJobOptions, type CharLmJobResult } from "./runCharLm";
export { GRU_VS_LSTM_DEFAULTS, type GruVsLstmOptions, type GruVsLstmRow } from "./gruVsLstmDefaults";
export { resumeJob, type ResumeJobOptions } from "./resumeJob";
export { JobSteps } from "../runs/JobSteps";

// Baselines and statistics over seeds.
export { tutorialBaselines, type BaselineAccuracy, type TutorialBaselinesOptions } from "../baselines/tutorialBaselines";
export { forecastBaselines, type ForecastBaseline } from "../baselines/forecastBaselines";
export { fitAutoregressive, type Autoregressive } from "../baselines/autoregressive";
export { persistenceForecast } from "../baselines/persistenceForecast";
export { seasonalNaiveForecast } from "../baselines/seasonalNaiveForecast";
export { meanStd, type MeanStd } from "../training/meanStd";

// Forecasting: the monthly series, the forecaster, its metrics.
export { loadForecastSeries, type ForecastSeries, type ForecastSeriesOptions, type ForecastSplit } from "../data/loadForecastSeries";
export type { DayGap } from "../data/dailySeries";
export { buildForecaster, type ForecasterOptions } from "../models/buildForecaster";
export { buildWindowClassifier, type WindowClassifierOptions } from "../models/buildWindowClassifier";
export { forecastMetrics, type ForecastMetrics } from "../training/forecastMetrics";

// The char-level study on TypeScript's lib files: corpus, model, metrics, baselines, sampling, unit search.
export { loadTsLibCorpus, type CorpusFile, type TextCorpus, type TsLibCorpusOptions } from "../data/loadTsLibCorpus";
export { buildCharVocab, charVocab, type CharVocab, type CharVocabOptions } from "../data/charVocab";
export { charWindows, type CharWindows, type CharWindowsOptions } from "../data/charWindows";
export { buildCharLm, type CharLmOptions } from "../models/buildCharLm";
export { OneHotLayer, type OneHotLayerOptions } from "../models/oneHotLayer";
export { bitsPerCharacter } from "../training/bitsPerCharacter";
export { fitCharNgram, fitCharNgramAsync, type CharNgram, type CharNgramOptions, type CharNgramAsyncOptions } from "../baselines/charNgram";
export { ngramBaselines, ngramBaselinesAsync, bestByValidation, type NgramBaselineRow, type NgramBaselinesOptions, type NgramBaselinesAsyncOptions } from "../baselines/ngramBaselines";
export { sampleText, sampleIndex, type SampleTextOptions } from "../training/sampleText";
export { readCharLm, type ReadCharLm, type ReadCharLmOptions } from "../traces/readCharLm";
export { codeFeatures, CODE_FEATURES, type CodeFeatures } from "../traces/codeFeatures";
export { unitFeatureCorrelation, type LayerValues, type UnitFeatureCorrelation, type UnitFeatureRow } from "../traces/unitFeatureCorrelation";
export { unitTextHtml, type UnitTextHtmlOptions } from "../charts/unitTextHtml";
// The char-level study's order-20 baseline, its error analysis and the unit tests against nulls and probes.
export { fitKneserNey, fitKneserNeyAsync, type KneserNeyModel, type KneserNeyOptions, type KneserNeyAsyncOptions } from "../baselines/kneserNey";
export { bracketMatches, type BracketMatches } from "../traces/bracketMatches";
export type { GainSummary, GainSummaryOptions } from "../traces/gainSummary";
export { gainByOpenerDistance, type GainByOpenerDistance, type GainByOpenerDistanceOptions, type OpenerDistanceBin } from "../traces/gainByOpenerDistance";
export { gainByCharacterClass, type CharacterClassGain, type GainByCharacterClassOptions } from "../traces/gainByCharacterClass";
export { gainByDistanceFigure } from "../charts/gainByDistanceFigure";
export { linearProbe, type LinearProbe, type LinearProbeOptions } from "../traces/linearProbe";
export { unitFeatureTests, type BestUnitTest, type UnitFeatureTestRow, type UnitFeatureTestsOptions } from "../traces/unitFeatureTests";

// GRU vs LSTM vs SimpleRNN: long-dependency tasks, models of matched size, input gradients.
export { addingProblem, type AddingProblem, type AddingProblemOptions } from "../data/addingProblem";
export { delayedRecall, type DelayedRecall, type DelayedRecallOptions } from "../data/delayedRecall";
export { matchedUnits, recurrentParamCount, type ParamCountOptions, type RecurrentCell } from "../models/matchedUnits";
export { buildMatchedRnn, type MatchedRnnOptions } from "./buildMatchedRnn";
export { inputGradientNorms } from "./inputGradientNorms";
export { gruVsLstmTask, type GruVsLstmRunOptions, type GruVsLstmRunResult, type GruVsLstmSplit, type GruVsLstmTask, type GruVsLstmTaskOptions } from "./gruVsLstmTask";
