// grulab/sweeps: many runs of one trial over a search space, on every core (or through a queue).
import "../util/oneTfjs"; // first: a linked grulab folder would load a second tfjs (this says so, at import)
export { startSweep, type SweepOptions } from "./startSweep";
export { gruVsLstmSweep, type GruVsLstmSweepOptions } from "./gruVsLstmSweep";
export { gruVsLstmStudy, type GruVsLstmStudyOptions } from "./gruVsLstmStudy";
export { charLmStudy, CHARLM_STUDY_DEFAULTS, type CharLmStudyOptions } from "./charLmStudy";
export { readSweepFile } from "./readSweepFile";
export { writeSweepReport, sweepReportHtml } from "./writeSweepReport";
export { openSweep, type OpenedSweep, type SweepCell } from "./openSweep";
export { planSweep, type SweepDefinition, type SweepPlan } from "./planSweep";
export { runSweep, type RunSweepOptions } from "./runSweep";
export { uniform, logUniform, int, choice, type Distribution, type SearchSpace, type SpaceOption } from "./searchSpace";
export { spaceConfigs, checkSearchSpace } from "./spaceConfigs";
export { AshaScheduler, type AshaOptions, type AshaJob } from "./ashaScheduler";
export { runTrial, trialDir, readTrialResult, TRIAL_RESULT_FILE } from "./runTrial";
export { trialId, canonicalJson } from "./trialId";
export type { TrialSpec, TrialRef, TrialResult } from "./trialSpec";
export type { TrialExecutor } from "./trialExecutor";
export type { TrialFunction, TrialContext } from "./trialFunction";
export { BUILT_IN_TRIALS, type BuiltInTrial } from "./builtInTrials";
export { resolveTrial, type ResolvedTrial } from "./resolveTrial";
export { localExecutor, type LocalExecutorOptions } from "./localExecutor";
export { inProcessExecutor } from "./inProcessExecutor";
export { queueExecutor, type QueueExecutorOptions } from "./queue/queueExecutor";
export { seedAggregates, studentT975, type SeedAggregate } from "./seedAggregates";
export { SWEEP_FILES, SWEEP_FORMAT, readSweepJson, type SweepJson, type SweepBudget, type SweepScheduler, type SweepRow } from "./sweepFiles";
