/**
 * One epoch of training, as `train` and `Run.fit` record it (a row of history.csv): `epoch`,
 * `loss`, `val_loss`, one key per compiled metric of the model (tfjs's name: `acc` for accuracy,
 * `mae`, …) and its `val_` twin, and `seconds`. Validation values are NaN without validation data.
 *
 * @example
 * const row: HistoryRow = { epoch: 1, loss: 0.9, val_loss: 1.0, acc: 0.6, val_acc: 0.55, seconds: 2.1 };
 */
export interface HistoryRow {
  epoch: number;
  loss: number;
  val_loss: number;
  seconds: number;
  [metric: string]: number;
}

/**
 * The history columns of a model whose `metricsNames` (after compile) are given:
 * `epoch, loss, val_loss, <metrics>, val_<metrics>, seconds` (history.csv's header), with a
 * `val_` column for each of `validationMetrics` only when given (those validation scores).
 *
 * @example
 * historyColumns(model.metricsNames) // ["epoch", "loss", "val_loss", "acc", "val_acc", "seconds"]
 * historyColumns(model.metricsNames, []) // ["epoch", "loss", "val_loss", "acc", "seconds"]
 */
export function historyColumns(metricsNames: string[], validationMetrics?: string[]): string[] {
  const metrics = metricsNames.filter((m) => m !== "loss");
  const validated = validationMetrics === undefined ? metrics : metrics.filter((m) => validationMetrics.includes(m));
  const [epoch, loss, valLoss, seconds] = HISTORY_FIXED_COLUMNS;
  return [epoch, loss, valLoss, ...metrics, ...validated.map((m) => `val_${m}`), seconds];
}

/**
 * The columns every history row has whatever the model's metrics (the others are metrics and
 * their `val_` twins).
 *
 * @example
 * const metrics = Object.keys(row).filter((k) => !HISTORY_FIXED_COLUMNS.includes(k) && !k.startsWith("val_"));
 */
export const HISTORY_FIXED_COLUMNS: readonly string[] = ["epoch", "loss", "val_loss", "seconds"];
