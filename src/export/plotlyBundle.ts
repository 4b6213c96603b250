import * as fs from "fs";

let cached: string | undefined;

/**
 * The minified plotly.js bundle, read once per process (4.8 MB). `plotly.js-dist-min` is the
 * same release as `plotly.js-dist` (10 MB, unminified); standalone pages embed the smaller one.
 */
export function plotlyBundle(): string {
  if (cached === undefined) {
    cached = fs.readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  }
  return cached;
}
