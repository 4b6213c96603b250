/**
 * Thrown by `train` (and `Run.fit`) when the loss or the weights turn NaN or infinite. It names
 * the epoch and batch; the model then holds the weights of `bestEpoch` (0: no epoch completed,
 * the model's weights are not usable).
 *
 * @example
 * try { await run.fit(model, data.train, { epochs: 30 }); }
 * catch (err) { if (err instanceof TrainingDiverged) console.log(err.epoch, err.batch, err.bestEpoch); else throw err; }
 */
export class TrainingDiverged extends Error {
  constructor(
    /** What turned non-finite, e.g. "loss became NaN". */
    readonly what: string,
    readonly epoch: number,
    readonly batch: number,
    readonly batches: number,
    readonly bestEpoch: number,
  ) {
    super(`train: ${what} at epoch ${epoch}, batch ${batch}/${batches}: training diverged (lower the learning rate or check the inputs for NaN); ` +
      (bestEpoch > 0 ? `the model holds the weights of epoch ${bestEpoch}, the best so far` : "no epoch had completed"));
    this.name = "TrainingDiverged";
  }
}
