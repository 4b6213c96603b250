import { randomBytes } from "crypto";
import { lossCurves } from "../charts/lossCurves";
import type { Figure } from "../charts/figure";
import type { HistoryRow } from "../training/historyRow";
import { kernelSink, type DisplaySink } from "./displaySink";
import { figureMimeBundle } from "./figureMimeBundle";
import { loadPlotly } from "./loadPlotly";

/** A loss chart shown once and redrawn in place (see `liveChart`). */
export interface LiveChart {
  /** The rows drawn so far. */
  readonly rows: HistoryRow[];
  /** Redraws the chart with these rows (replacing the ones before). */
  update(rows: HistoryRow[]): void;
  /** tfjs callback: notes the epoch's start time. */
  onEpochBegin(epoch: number): Promise<void>;
  /** tfjs callback: appends the epoch's logs (loss, val_loss, acc|accuracy, val_acc|val_accuracy) and redraws. */
  onEpochEnd(epoch: number, logs?: Record<string, number>): Promise<void>;
}

const pick = (logs: Record<string, number>, ...keys: string[]) => {
  for (const k of keys) if (typeof logs[k] === "number") return logs[k];
  return NaN;
};

/**
 * A loss/accuracy chart that updates in place while a model trains (one output, replaced at
 * each epoch through Jupyter's update_display_data). Pass it to tfjs as a callback, or call
 * `update(rows)` from your own loop. In the saved notebook only the last state remains.
 *
 * @example
 * const live = liveChart({ title: "GRU(128) on Seattle weather" });
 * await model.fit(x, y, { epochs: 20, validationSplit: 0.1, callbacks: live });
 */
export function liveChart(options: { title?: string; height?: number; sink?: DisplaySink; figure?: (rows: HistoryRow[]) => Figure } = {}): LiveChart {
  const sink = options.sink ?? kernelSink();
  const build = options.figure ?? ((rows: HistoryRow[]) => lossCurves(rows, { title: options.title ?? "Training (live)" }));
  const displayId = `grulab-live-${randomBytes(6).toString("hex")}`;
  let rows: HistoryRow[] = [];
  let draws = 0;
  let epochStart = Date.now();
  const draw = () => {
    // A fresh element id per draw: the frontend replaces the output, old ids must not collide.
    const bundle = figureMimeBundle(build(rows), `${displayId}-${draws}`, options);
    // JupyterLab keeps an output's renderer while the preferred mime type stays, and its plotly
    // renderer ignores new data once drawn: a text-only update in between makes a fresh renderer.
    if (draws > 0) sink.send({ "text/plain": bundle["text/plain"] }, { displayId, update: true });
    sink.send(bundle, { displayId, update: draws > 0 });
    draws += 1;
  };
  loadPlotly({ sink });
  draw();
  return {
    get rows() {
      return rows;
    },
    update(next) {
      rows = [...next];
      draw();
    },
    async onEpochBegin() {
      epochStart = Date.now();
    },
    async onEpochEnd(epoch, logs = {}) {
      rows = [...rows, {
        epoch: epoch + 1, // tfjs counts epochs from 0, history rows from 1
        loss: pick(logs, "loss"),
        val_loss: pick(logs, "val_loss"),
        acc: pick(logs, "acc", "accuracy"),
        val_acc: pick(logs, "val_acc", "val_accuracy"),
        seconds: (Date.now() - epochStart) / 1000,
      }];
      draw();
    },
  };
}
