/**
 * One epoch of training, as `train` records it (the rows of its history DataFrame).
 * `val_loss`/`val_acc` are NaN when no validation data was given.
 *
 * @example
 * const rows: HistoryRow[] = dfd.toJSON(history) as HistoryRow[];
 */
export interface HistoryRow {
  epoch: number;
  loss: number;
  val_loss: number;
  acc: number;
  val_acc: number;
  seconds: number;
}
