// plotlyBundle: the minified plotly.js release of the installed plotly.js-dist-min, read once.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { plotlyBundle } from "../../src/export/plotlyBundle";

test("the text of plotly.min.js of the installed plotly.js-dist-min, its version in the banner; the same string on every call", () => {
  const dir = path.dirname(require.resolve("plotly.js-dist-min/package.json"));
  const version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version as string;
  const bundle = plotlyBundle();
  assert.equal(bundle, fs.readFileSync(path.join(dir, "plotly.min.js"), "utf8"));
  assert.match(bundle.slice(0, 200), new RegExp(`plotly\\.js v${version.replace(/\./g, "\\.")}`));
  assert.ok(bundle.length > 1_000_000, `${bundle.length} characters`);
  // read once per process: a second call does not read the file again
  const fsModule = require("node:fs") as typeof fs;
  const read = fsModule.readFileSync;
  fsModule.readFileSync = (() => { throw new Error("read again"); }) as typeof fs.readFileSync;
  try { assert.equal(plotlyBundle(), bundle); } finally { fsModule.readFileSync = read; }
});
