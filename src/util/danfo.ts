import type * as Danfo from "danfojs-node";

let loaded: typeof Danfo | undefined;

/**
 * danfojs-node, loaded on first use: importing grulab does not load danfo (about a second of
 * start-up, most of grulab's import time); the first function that makes a DataFrame does.
 * Files use `import type * as dfd from "danfojs-node"` for types and `danfo()` for values.
 * The copy loaded is grulab's vendored bundle (dist/vendor/danfojs-node, scripts/bundle-danfo.js:
 * the project's tfjs, no xlsx), so that a project installing grulab does not install danfojs-node.
 *
 * @example
 * const frame = new (danfo().DataFrame)([[1, 2]], { columns: ["a", "b"] });
 */
export function danfo(): typeof Danfo {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require("../../vendor/danfojs-node") as typeof Danfo;
  return loaded;
}
