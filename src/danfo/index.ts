// "grulab/danfo": danfojs-node as grulab ships it, for a notebook's own DataFrames. A project that
// installs grulab has no danfojs-node of its own (grulab vendors it at build time:
// scripts/bundle-danfo.js, the project's tfjs, no xlsx), so it imports danfo from here. Importing
// this entry loads danfo (about a second); "grulab" itself loads it only when a function first
// makes a DataFrame. Re-exports only.
import "../util/oneTfjs"; // first: a linked grulab folder would load a second tfjs (this says so, at import)
import * as dfd from "danfojs-node"; // the build points this at dist/vendor/danfojs-node

/**
 * danfo.js (danfojs-node 1.2.0): `DataFrame`, `Series`, `readCSV`, `concat`, … — the very copy
 * grulab's own frames come from (`run.history`, `compareRuns(…).table`, `readCsvFrame`), and
 * `grulab.show` draws any frame made with it. Its reference is danfo's
 * (https://danfo.jsdata.org/api-reference); Excel (`readExcel`, `toExcel`) is left out and throws
 * "save the sheet as CSV".
 *
 * @example
 * import { dfd } from "grulab/danfo";
 * const table = new dfd.DataFrame([[1, 0.52], [2, 0.41]], { columns: ["epoch", "loss"] });
 * grulab.show(table);
 * const first: dfd.DataFrame = table.head(1);
 */
export { dfd };
