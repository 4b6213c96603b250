import type { HistoryRow } from "../training/historyRow";
import type { Figure } from "./figure";
import { plotlyText } from "./plotlyText";

/**
 * Loss (left panel) and accuracy (right panel) per epoch for training and validation, with
 * the best epoch (lowest validation loss, else lowest training loss) marked in both panels.
 * The title is escaped for plotly (`plotlyText`).
 *
 * @example
 * const fig = lossCurves([{ epoch: 1, loss: 1.2, val_loss: 1.3, acc: 0.4, val_acc: 0.38, seconds: 2 }]);
 */
export function lossCurves(history: HistoryRow[], options: { title?: string } = {}): Figure {
  const epochs = history.map((r) => r.epoch);
  const hasVal = history.some((r) => Number.isFinite(r.val_loss));
  const key: keyof HistoryRow = hasVal ? "val_loss" : "loss";
  let best = -1;
  history.forEach((r, i) => {
    if (Number.isFinite(r[key]) && (best < 0 || r[key] < history[best][key])) best = i;
  });
  const line = (name: string, y: number[], axis: 1 | 2, dash: string) => ({
    type: "scatter", mode: "lines+markers", name, x: epochs, y,
    xaxis: axis === 1 ? "x" : "x2", yaxis: axis === 1 ? "y" : "y2",
    line: { dash },
  });
  const data: Array<Record<string, unknown>> = [
    line("train loss", history.map((r) => r.loss), 1, "solid"),
    line("train accuracy", history.map((r) => r.acc), 2, "solid"),
  ];
  if (hasVal) {
    data.push(line("validation loss", history.map((r) => r.val_loss), 1, "dash"));
    data.push(line("validation accuracy", history.map((r) => r.val_acc), 2, "dash"));
  }
  const shapes = best < 0 ? [] : (["x", "x2"] as const).map((xref) => ({
    type: "line", xref, yref: "paper", x0: epochs[best], x1: epochs[best], y0: 0, y1: 1,
    line: { color: "gray", width: 1, dash: "dot" },
  }));
  const annotations = best < 0 ? [] : [{
    xref: "x", yref: "paper", x: epochs[best], y: 1, yanchor: "bottom", showarrow: false,
    text: `best epoch ${epochs[best]}`,
  }];
  // Whole epochs only: at most ~10 ticks, starting at the first epoch.
  const epochTicks = epochs.length > 0 ? { tick0: epochs[0], dtick: Math.max(1, Math.ceil(epochs.length / 10)) } : {};
  return {
    data,
    layout: {
      title: { text: plotlyText(options.title ?? "Training history") },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { title: { text: "epoch" }, ...epochTicks },
      yaxis: { title: { text: "loss" } },
      xaxis2: { title: { text: "epoch" }, ...epochTicks },
      yaxis2: { title: { text: "accuracy" } },
      shapes, annotations,
    },
  };
}
