import * as path from "path";
import { charLmStudyFigures } from "../charts/charLmStudyFigures";
import { forecastStudyFigures } from "../charts/forecastStudyFigures";
import type { Figure } from "../charts/figure";
import { tutorialStudyFigures } from "../charts/tutorialStudyFigures";
import { openChartExporter } from "../export/openChartExporter";

/** Each study with figures: its figure builder (from the results file's contents alone). */
const BUILDERS: Record<string, (results: unknown) => Record<string, Figure>> = {
  tutorial: tutorialStudyFigures,
  forecast: forecastStudyFigures,
  charlm: charLmStudyFigures,
};

/** camelCase → kebab-case, for file names. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Writes a study's figures as SVG, `<dir>/<study>-<figure>.svg` (default dir: the project's
 * docs/figures/), from its results (the contents of results/<study>.json) alone, so no model is
 * trained to draw them: tutorial → accuracy-by-seed, probabilistic-scores; forecast →
 * mae-by-horizon, diebold-mariano; charlm → test-bpc, saturation-gru, saturation-lstm. SVG through Chromium (plotly's toImage, `openChartExporter`),
 * each file written atomically. Returns the paths written.
 *
 * @example
 * await writeStudyFigures("forecast", JSON.parse(fs.readFileSync("results/forecast.json", "utf8")), undefined);
 */
export async function writeStudyFigures(study: string, results: unknown, dir: string | undefined): Promise<string[]> {
  const build = BUILDERS[study];
  if (!build) throw new Error(`writeStudyFigures: no figures for study "${study}"; the studies with figures: ${Object.keys(BUILDERS).join(", ")}`);
  const figures = build(results);
  const where = dir ?? path.resolve(__dirname, "../../../docs/figures");
  const exporter = await openChartExporter();
  const written: string[] = [];
  try {
    for (const [name, figure] of Object.entries(figures)) {
      const file = path.join(where, `${study}-${kebab(name)}.svg`);
      await exporter.export(figure, file);
      written.push(file);
    }
  } finally {
    await exporter.close();
  }
  console.log(`${study} study: wrote ${written.map((f) => path.relative(process.cwd(), f) || f).join(", ")}`);
  return written;
}
