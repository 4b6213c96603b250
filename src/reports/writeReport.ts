import * as path from "path";
import { writeFileAtomic } from "../io/writeFileAtomic";
import * as fs from "fs";
import { findChromium } from "../export/findChromium";
import { openChartExporter, type ChartExporter } from "../export/openChartExporter";
import { openRun } from "../runs/openRun";
import { reportHtml } from "./reportHtml";
import { RUN_FILES } from "../runs/runFormat";

/**
 * Options of {@link writeReport}.
 *
 * @example
 * await writeReport("runs/x", { pdf: false, samples: 2 });
 */
export interface WriteReportOptions {
  /** Write report.pdf: `"auto"` (default) when Chromium is found, `false` never, `true` required. */
  pdf?: boolean | "auto";
  /** Traced samples whose gate heatmaps are drawn (default 5: the tutorial traces one per class). */
  samples?: number;
  /** An open exporter to reuse (its browser); otherwise one is opened and closed here. */
  exporter?: ChartExporter;
  /** Progress and notes (default console.log). */
  log?: (line: string) => void;
}

/**
 * What {@link writeReport} wrote.
 *
 * @example
 * const { html, pdf, note } = await writeReport("runs/x");
 */
export interface WriteReportResult {
  html: string;
  /** Path of report.pdf, or null when it was not written. */
  pdf: string | null;
  /** Why the PDF is missing, when it is. */
  note: string | null;
}

/**
 * Reads a run folder (openRun) and writes `report.html` (self-contained, see `reportHtml`) into
 * it, then `report.pdf` beside it through Chromium. Without Chromium (pdf "auto") report.html is
 * still written and a note saying how to install Chromium is printed and returned. A run that
 * has not finished gets a report too (its status on top). A missing folder, a file instead of a
 * folder, another format → an Error naming it. `finishRun` and `grulab report <run>` call it.
 *
 * @example
 * const { html, pdf } = await writeReport("runs/20261127-101500-tutorial");
 */
export async function writeReport(runDir: string, options: WriteReportOptions = {}): Promise<WriteReportResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (fs.existsSync(runDir) && !fs.statSync(runDir).isDirectory()) throw new Error(`writeReport: ${runDir} is a file; expected a run folder`);
  const run = await openRun(runDir);
  const html = path.join(runDir, RUN_FILES.reportHtml);
  writeFileAtomic(html, reportHtml(run, { samples: options.samples }));
  log(`report: wrote ${html}`);
  const want = options.pdf ?? "auto";
  if (want === false) return { html, pdf: null, note: null };
  if (!options.exporter) {
    try {
      findChromium();
    } catch (err) {
      if (want === true) throw err;
      const note = `report: no ${RUN_FILES.reportPdf}. ${(err as Error).message}`;
      log(note);
      return { html, pdf: null, note };
    }
  }
  const pdf = path.join(runDir, RUN_FILES.reportPdf);
  const exporter = options.exporter ?? await openChartExporter();
  try {
    await exporter.printHtmlToPdf(html, pdf);
  } finally {
    if (!options.exporter) await exporter.close();
  }
  log(`report: wrote ${pdf}`);
  return { html, pdf, note: null };
}
