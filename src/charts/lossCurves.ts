import { HISTORY_FIXED_COLUMNS, type HistoryRow } from "../training/historyRow";
import type { Figure } from "./figure";
import { layerColour } from "./layerColour";
import { plotlyText } from "./plotlyText";

type Row = Record<string, number>;

const NOT_METRICS = new Set(HISTORY_FIXED_COLUMNS);
// History keys are tfjs's metric names; the axis says what they are.
const METRIC_LABELS: Record<string, string> = { acc: "accuracy", accuracy: "accuracy", mae: "mean absolute error", mse: "mean squared error" };

/** The first metric of the histories other than the loss (`acc`, `mae`, …), or null. */
function firstMetric(histories: Row[][]): string | null {
  for (const rows of histories) {
    for (const row of rows) {
      const key = Object.keys(row).find((k) => !NOT_METRICS.has(k) && !k.startsWith("val_"));
      if (key !== undefined) return key;
    }
  }
  return null;
}

/** Index of the best epoch: lowest validation loss, else lowest training loss; -1 when none is finite. */
function bestIndex(rows: Row[]): number {
  const key = rows.some((r) => Number.isFinite(r.val_loss)) ? "val_loss" : "loss";
  let best = -1;
  rows.forEach((r, i) => {
    if (Number.isFinite(r[key]) && (best < 0 || r[key] < rows[best][key])) best = i;
  });
  return best;
}

/**
 * Loss (left panel) and a metric (right panel: accuracy for a classifier, the first compiled
 * metric otherwise, or `options.metric`) per epoch, training solid and validation dashed.
 * Takes one history, or several named ones (`{ gru: rowsA, lstm: rowsB }`): one colour per run,
 * legend entries prefixed with its name. The best epoch (lowest validation loss, else lowest
 * training loss) is a vertical line for one history and a star on each run's loss curve for
 * several. Without any metric the figure has only the loss panel. Titles and names are escaped
 * for plotly (`plotlyText`).
 *
 * @example
 * const one = lossCurves(run.history);
 * const two = lossCurves({ gru: gruRun.history, lstm: lstmRun.history }, { title: "GRU vs LSTM" });
 */
export function lossCurves(history: HistoryRow[] | Record<string, HistoryRow[]>, options: { title?: string; metric?: string } = {}): Figure {
  const named = Array.isArray(history) ? null : Object.entries(history as unknown as Record<string, Row[]>);
  if (named !== null && named.length === 0) throw new Error("lossCurves: no histories given (expected an array of rows or { name: rows, … })");
  const runs: Array<[string | null, Row[]]> = named ?? [[null, history as unknown as Row[]]];
  for (const [name, rows] of runs) {
    if (!Array.isArray(rows)) throw new Error(`lossCurves: history ${name === null ? "" : `"${name}" `}is not an array of rows (got ${typeof rows})`);
  }
  const metric = options.metric ?? firstMetric(runs.map(([, rows]) => rows));
  const panels = metric === null ? 1 : 2;
  const data: Array<Record<string, unknown>> = [];
  runs.forEach(([name, rows], i) => {
    const epochs = rows.map((r) => r.epoch);
    const label = (what: string) => plotlyText(name === null ? what : `${name}: ${what}`);
    const colour = name === null ? {} : { color: layerColour(i) };
    const line = (what: string, key: string, axis: 1 | 2, dash: string) => ({
      type: "scatter", mode: "lines+markers", name: label(what), x: epochs, y: rows.map((r) => r[key]),
      xaxis: axis === 1 ? "x" : "x2", yaxis: axis === 1 ? "y" : "y2",
      line: { dash, ...colour }, ...(name === null ? {} : { legendgroup: name }),
    });
    const hasVal = rows.some((r) => Number.isFinite(r.val_loss));
    data.push(line("train loss", "loss", 1, "solid"));
    if (metric !== null) data.push(line(`train ${METRIC_LABELS[metric] ?? metric}`, metric, 2, "solid"));
    if (hasVal) {
      data.push(line("validation loss", "val_loss", 1, "dash"));
      // A run whose validation has no such metric (a char LM read as text: val_loss alone) gets no empty line.
      if (metric !== null && rows.some((r) => Number.isFinite(r[`val_${metric}`]))) data.push(line(`validation ${METRIC_LABELS[metric] ?? metric}`, `val_${metric}`, 2, "dash"));
    }
    const best = bestIndex(rows);
    if (name !== null && best >= 0) {
      data.push({
        type: "scatter", mode: "markers", name: label(`best epoch ${epochs[best]}`), legendgroup: name, showlegend: false,
        x: [epochs[best]], y: [rows[best][hasVal ? "val_loss" : "loss"]], xaxis: "x", yaxis: "y",
        marker: { symbol: "star", size: 12, color: layerColour(i) },
      });
    }
  });
  const epochs = runs.flatMap(([, rows]) => rows.map((r) => r.epoch));
  const best = named === null ? bestIndex(runs[0][1]) : -1;
  const bestEpoch = best >= 0 ? runs[0][1][best].epoch : null;
  const xrefs = panels === 2 ? (["x", "x2"] as const) : (["x"] as const);
  const shapes = bestEpoch === null ? [] : xrefs.map((xref) => ({
    type: "line", xref, yref: "paper", x0: bestEpoch, x1: bestEpoch, y0: 0, y1: 1,
    line: { color: "gray", width: 1, dash: "dot" },
  }));
  const annotations = bestEpoch === null ? [] : [{
    xref: "x", yref: "paper", x: bestEpoch, y: 1, yanchor: "bottom", showarrow: false, text: `best epoch ${bestEpoch}`,
  }];
  // Whole epochs only: at most ~10 ticks, starting at the first epoch.
  const first = epochs.length > 0 ? Math.min(...epochs) : 0;
  const span = epochs.length > 0 ? Math.max(...epochs) - first + 1 : 0;
  const epochTicks = epochs.length > 0 ? { tick0: first, dtick: Math.max(1, Math.ceil(span / 10)) } : {};
  const defaultTitle = named === null ? "Training history" : `Training history: ${named.map(([n]) => n).join(", ")}`;
  const layout: Record<string, unknown> = {
    title: { text: plotlyText(options.title ?? defaultTitle) },
    xaxis: { title: { text: "epoch" }, ...epochTicks },
    yaxis: { title: { text: "loss" } },
    shapes, annotations,
  };
  if (panels === 2) {
    layout.grid = { rows: 1, columns: 2, pattern: "independent" };
    layout.xaxis2 = { title: { text: "epoch" }, ...epochTicks };
    layout.yaxis2 = { title: { text: METRIC_LABELS[metric as string] ?? metric } };
  }
  return { data, layout };
}
