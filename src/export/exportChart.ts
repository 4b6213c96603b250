import type { Figure } from "../charts/figure";
import { openChartExporter, type ExportOptions } from "./openChartExporter";

/**
 * Writes one figure to `file`, the format chosen by the extension: `.html` (self-contained,
 * offline), `.png`, `.svg` or `.pdf` (through Debian's Chromium; see `openChartExporter`, which
 * keeps one browser open for a batch). The size is `options.width/height`, else the figure's
 * `layout.width/height`, else 900×540. `file` is relative to the current directory. Not a
 * figure, an unknown extension or missing Chromium → an Error saying which.
 *
 * @example
 * await exportChart(lossCurves(run.history), "runs/x/loss.png", { width: 800, height: 450, scale: 2 });
 */
export async function exportChart(figure: Figure, file: string, options: ExportOptions = {}): Promise<void> {
  const exporter = await openChartExporter();
  try {
    await exporter.export(figure, file, options);
  } finally {
    await exporter.close();
  }
}
