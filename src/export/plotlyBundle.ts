import * as fs from "fs";

let cached: string | undefined;

/**
 * The minified plotly.js bundle, read once per process (4.8 MB). `plotly.js-dist-min` is the
 * minified plotly.js release; standalone pages and notebooks embed it.
 */
export function plotlyBundle(): string {
  if (cached === undefined) {
    cached = fs.readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  }
  return cached;
}
