import * as fs from "fs";
import * as path from "path";

/**
 * The absolute path of a file in grulab's bundled `datasets/` folder, found from this module's
 * own location (so it works from `dist/`, from notebooks and from any working directory).
 *
 * @example
 * datasetPath("seattle-weather.csv") // "/…/grulab/datasets/seattle-weather.csv"
 */
export function datasetPath(name: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, "datasets");
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(candidate)) return path.join(candidate, name);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`datasetPath: no datasets/ folder above ${__dirname} (looking for ${name})`);
    dir = parent;
  }
}
