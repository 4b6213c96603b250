import * as fs from "fs";
import * as path from "path";
import { findChromium } from "../export/findChromium";
import { openChartExporter } from "../export/openChartExporter";
import { csvCell } from "../util/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { compareHtml } from "./compareHtml";
import { compareRuns, type Comparison } from "./compareRuns";

/** What {@link compareReport} wrote. */
export interface CompareReportResult {
  html: string;
  /** The table as CSV (numbers at full precision, empty cells where absent). */
  csv: string;
  /** Path of the PDF, or null when it was not written. */
  pdf: string | null;
  /** Why the PDF is missing, when it is. */
  note: string | null;
}

/**
 * Writes the comparison of runs to `file` (an .html page, self-contained and offline), the table
 * beside it as .csv, and a .pdf where Chromium is found (`pdf`: "auto" default, true = required,
 * false = never). `file` is relative to the current directory; its folder is created. Takes run
 * folders, run objects, or a `compareRuns` result. Files are written atomically.
 *
 * @example
 * const { html, pdf } = await compareReport(["runs/a", "runs/b"], "runs/compare-gru-lstm.html");
 */
export async function compareReport(
  runs: Array<string | { dir: string }> | Comparison,
  file: string,
  options: { pdf?: boolean | "auto"; log?: (line: string) => void } = {},
): Promise<CompareReportResult> {
  if (typeof file !== "string" || !file.endsWith(".html")) throw new Error(`compareReport: file must be an .html path, got ${JSON.stringify(file)}`);
  const log = options.log ?? ((line: string) => console.log(line));
  const comparison = Array.isArray(runs) ? await compareRuns(runs) : runs;
  const html = path.resolve(file);
  fs.mkdirSync(path.dirname(html), { recursive: true });
  writeFileAtomic(html, compareHtml(comparison, path.dirname(html)));
  const csv = html.replace(/\.html$/, ".csv");
  const csvText = [comparison.columns.map(csvCell).join(","),
    ...comparison.rows.map((r) => comparison.columns.map((c) => (r[c] === null ? "" : csvCell(String(r[c])))).join(","))].join("\n") + "\n";
  writeFileAtomic(csv, csvText);
  log(`compare: wrote ${html} and ${csv}`);
  const want = options.pdf ?? "auto";
  if (want === false) return { html, csv, pdf: null, note: null };
  try {
    findChromium();
  } catch (err) {
    if (want === true) throw err;
    const note = `compare: no PDF. ${(err as Error).message}`;
    log(note);
    return { html, csv, pdf: null, note };
  }
  const pdf = html.replace(/\.html$/, ".pdf");
  const exporter = await openChartExporter();
  try {
    await exporter.printHtmlToPdf(html, pdf);
  } finally {
    await exporter.close();
  }
  log(`compare: wrote ${pdf}`);
  return { html, csv, pdf, note: null };
}
