import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../io/writeFileAtomic";

/**
 * Writes a study's results as `<dir>/<study>.json` (default dir: the project's results/), temp +
 * rename, two-space indented with every array of plain numbers on one line (a study's stored
 * forecasts would otherwise take a line per number). Returns the file's path.
 *
 * @example
 * writeStudyResults("forecast", results, undefined) // …/results/forecast.json
 */
export function writeStudyResults(study: string, results: unknown, dir: string | undefined): string {
  const file = path.join(dir ?? path.resolve(__dirname, "../../../results"), `${study}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(results, null, 2).replace(/\[[-\d.e+,\s]*\]/g, (a) => a.replace(/\s+/g, "")) + "\n");
  console.log(`${study} study: wrote ${file}`);
  return file;
}

