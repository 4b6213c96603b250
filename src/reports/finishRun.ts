import * as fs from "fs";
import * as path from "path";
import type { Run } from "../runs/Run";
import { RUN_FILES, type MetricsJson } from "../runs/runFormat";
import { writeReport } from "./writeReport";

/**
 * What {@link finishRun} did: metrics.json's contents and where the report went (null: not written, see warnings).
 *
 * @example
 * const { metrics, reportHtml, warnings } = await finishRun(run);
 */
export interface FinishResult {
  metrics: MetricsJson;
  reportHtml: string | null;
  reportPdf: string | null;
  /** Optional steps that failed (report, PDF), one sentence each; the run is finished all the same. */
  warnings: string[];
}

/**
 * Ends a run (`run.finish()`: metrics.json, run.json `finished`), then writes report.html
 * (+ report.pdf where Chromium exists). The report is optional: when it fails the run is still
 * finished and the reason is returned in `warnings` (and printed).
 *
 * @example
 * const { metrics, reportHtml, warnings } = await finishRun(run, { pdf: false });
 */
export async function finishRun(run: Run, options: { pdf?: boolean | "auto"; log?: (line: string) => void } = {}): Promise<FinishResult> {
  const metrics = await run.finish();
  const warnings: string[] = [];
  let reportHtml: string | null = null;
  let reportPdf: string | null = null;
  try {
    const r = await writeReport(run.dir, { pdf: options.pdf ?? "auto", log: options.log ?? (() => undefined) });
    reportHtml = r.html;
    reportPdf = r.pdf;
    if (r.note) warnings.push(r.note);
  } catch (err) {
    warnings.push(`report not complete (optional): ${(err as Error).message}`);
    if (fs.existsSync(path.join(run.dir, RUN_FILES.reportHtml))) reportHtml = path.join(run.dir, RUN_FILES.reportHtml);
  }
  for (const w of warnings) console.warn(`grulab: warning: ${w}`);
  return { metrics, reportHtml, reportPdf, warnings };
}
