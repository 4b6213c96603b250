/**
 * One learning-rate trial of the GRU-vs-LSTM study as the choice of rate sees it: its rate, its
 * lowest validation loss (the sweep's `val_loss`), and whether and when it solved the task with
 * the validation error at that epoch (`trialOutcome`).
 */
export interface LearningRateTrial {
  learningRate: number;
  valLoss: number;
  solved: boolean;
  updatesToSolve: number | null;
  /** The validation error at the first epoch below the threshold (null: not solved). */
  errorAtSolve: number | null;
}

/**
 * The learning rate the GRU-vs-LSTM study chooses for a cell from its learning-rate trials (the
 * finished ones, with a finite validation loss). Rule "val-loss" (the study without stopping, as
 * the 600-update study of record chose): the lowest validation loss over the whole run. Rule
 * "solved-fastest" (the study with `stopWhenSolved`, whose solved trials end at the first solving
 * epoch, so their validation loss is that of an unequal number of updates): solved trials before
 * unsolved ones, among solved the fewest updates to solve, then the lower validation error at that
 * epoch; among unsolved (which run the whole budget either way) the lowest validation loss; a tie
 * keeps the earlier trial. Every quantity "solved-fastest" reads is the same with and without
 * stopping, so the choice is too.
 *
 * @example
 * chooseLearningRate([{ learningRate: 0.01, valLoss: 0.01, solved: true, updatesToSolve: 300, errorAtSolve: 0.012 }, { learningRate: 0.003, valLoss: 0.004, solved: true, updatesToSolve: 450, errorAtSolve: 0.015 }], "solved-fastest"); // 0.01
 */
export function chooseLearningRate(trials: LearningRateTrial[], rule: "val-loss" | "solved-fastest"): number {
  if (trials.length === 0) throw new Error("chooseLearningRate: no finished learning-rate trial to choose from");
  const better = (a: LearningRateTrial, b: LearningRateTrial): boolean => {
    if (rule === "solved-fastest" && a.solved !== b.solved) return a.solved;
    if (rule === "solved-fastest" && a.solved && b.solved) {
      if (a.updatesToSolve !== b.updatesToSolve) return (a.updatesToSolve as number) < (b.updatesToSolve as number);
      return (a.errorAtSolve as number) < (b.errorAtSolve as number);
    }
    return a.valLoss < b.valLoss;
  };
  return trials.reduce((best, t) => (better(t, best) ? t : best)).learningRate;
}
