import * as fs from "fs";
import * as path from "path";
import { escapeHtml } from "../util/escapeHtml";
import { formatCell } from "../util/formatCell";
import { htmlTable } from "../util/htmlTable";
import type { MimeBundle } from "./displaySink";
import { RUN_FILES } from "../runs/runFormat";

/** What a run summary reads: a `Run` from startRun or an opened run both have these. */
export interface RunLike {
  dir: string;
  name: string;
  status: string;
  task?: string;
  reason?: string | null;
  info?: { reason?: string | null };
  /** History rows: `rows` (opened run) or `history` when it is an array (Run). */
  rows?: Array<Record<string, number>>;
  history?: unknown;
  metrics?: { test?: Record<string, number>; baselines?: Array<{ name: string; test: Record<string, number> }> } | null;
}

/**
 * True for a run: an object with a `dir`, a `name` and a `status` (a Run or an opened run).
 *
 * @example
 * if (isRun(x)) sink.send(runMimeBundle(x));
 */
export function isRun(x: unknown): x is RunLike {
  const r = x as Partial<RunLike> | null;
  return typeof x === "object" && r !== null && typeof r.dir === "string" && typeof r.name === "string" && typeof r.status === "string";
}

/**
 * A run's summary as a notebook output (HTML and text): name, status (with its reason), task,
 * folder, epochs run and the best epoch by validation loss, the test metrics beside each
 * baseline, and a link to report.html when the folder has one. Test metrics come from the
 * object (an opened run) or from the folder's metrics.json (a Run after evaluate).
 *
 * @example
 * sink.send(runMimeBundle(await openRun("runs/20261129-210000-gru")));
 */
export function runMimeBundle(run: RunLike): MimeBundle {
  const rows = run.rows ?? (Array.isArray(run.history) ? (run.history as Array<Record<string, number>>) : []);
  let metrics = run.metrics ?? null;
  const metricsFile = path.join(run.dir, RUN_FILES.metrics);
  if (metrics == null && fs.existsSync(metricsFile)) {
    try {
      metrics = JSON.parse(fs.readFileSync(metricsFile, "utf8"));
    } catch (err) {
      throw new Error(`show: ${metricsFile} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const reason = run.reason ?? run.info?.reason ?? null;
  const key = rows.some((r) => Number.isFinite(r.val_loss)) ? "val_loss" : "loss";
  const best = rows.reduce<Record<string, number> | null>((b, r) => (Number.isFinite(r[key]) && (b === null || r[key] < b[key]) ? r : b), null);
  const facts: Array<[string, string]> = [
    ["status", reason ? `${run.status} (${reason})` : run.status],
    ...(run.task ? [["task", run.task] as [string, string]] : []),
    ["folder", run.dir],
    ["epochs", best ? `${rows.length} (best ${best.epoch}: ${key} ${formatCell(best[key])})` : String(rows.length)],
  ];
  const test = metrics?.test ?? {};
  const names = Object.keys(test);
  const baselines = metrics?.baselines ?? [];
  const metricRows: unknown[][] = [["model", ...names.map((k) => test[k])], ...baselines.map((b) => [b.name, ...names.map((k) => b.test?.[k] ?? null)])];
  const report = path.join(run.dir, RUN_FILES.reportHtml);
  const html = `<div class="grulab-run"><h4 style="margin:4px 0">run ${escapeHtml(run.name)}</h4>`
    + htmlTable(["", ""], facts.map(([k, v]) => [k, v]))
    + (names.length > 0 ? `<p style="margin:4px 0">Test metrics</p>${htmlTable(["", ...names], metricRows)}` : "<p>No test metrics yet (run.evaluate writes them).</p>")
    + (fs.existsSync(report) ? `<p>Report: <code>${escapeHtml(report)}</code></p>` : "")
    + "</div>";
  const text = [`run ${run.name}`, ...facts.map(([k, v]) => `  ${k}: ${v}`),
    ...(names.length > 0 ? ["  test: " + names.map((k) => `${k} ${formatCell(test[k])}`).join(", "),
      ...baselines.map((b) => `  baseline ${b.name}: ` + names.map((k) => `${k} ${formatCell(b.test?.[k])}`).join(", "))] : ["  no test metrics yet"])].join("\n");
  return { "text/html": html, "text/plain": text };
}
