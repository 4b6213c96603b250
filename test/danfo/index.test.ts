// "grulab/danfo": the vendored danfo as a notebook imports it, the very copy grulab's own frames
// come from, never the repository's development copy of danfojs-node.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..", ".."); // dist/test/danfo → repository root
const VENDORED = path.join(ROOT, "dist", "vendor", "danfojs-node", "index.js");

// A fresh process: which danfo files "grulab/danfo" loads, whether grulab's own frames come from the
// same copy, and whether grulab.show draws a frame made with it.
const PROBE = `
const { dfd } = require("grulab/danfo");
const grulab = require("grulab");
(async () => {
  const frame = new dfd.DataFrame([[1, 0.5], [2, 0.25]], { columns: ["epoch", "loss"] });
  const csv = require("path").join(require("os").tmpdir(), "grulab-danfo-" + process.pid + ".csv");
  require("fs").writeFileSync(csv, "a,b\\n1,2\\n3,4\\n");
  const read = await grulab.readCsvFrame(csv, { numeric: ["a", "b"] });
  const own = await dfd.readCSV(csv);
  require("fs").rmSync(csv);
  const bundles = [];
  grulab.show(frame, { sink: { send: (b) => bundles.push(b) } });
  const loaded = Object.keys(require.cache).filter((f) => /danfojs/.test(f));
  console.log(JSON.stringify({
    loaded, sameModule: dfd === require(process.argv[1]), sameClass: read.constructor === own.constructor,
    columns: frame.columns, sum: frame.loss.sum(), readShape: read.shape, html: bundles.map((b) => b["text/html"]).join(""),
  }));
})();
`;

test("grulab/danfo is the vendored danfo: grulab's frames come from the same copy, show draws its frames, no danfojs-node package loaded", () => {
  const r = spawnSync(process.execPath, ["-e", PROBE, VENDORED], { cwd: path.join(ROOT, "notebooks"), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop() as string);
  assert.deepEqual(out.loaded, [VENDORED], "the only danfo file loaded is grulab's vendored bundle");
  assert.equal(out.sameModule, true);
  // danfo's readCSV (and head, …) return its base DataFrame class, a parent of dfd.DataFrame: compare those.
  assert.equal(out.sameClass, true, "readCsvFrame's frame and grulab/danfo's readCSV's frame are one class");
  assert.deepEqual(out.columns, ["epoch", "loss"]);
  assert.equal(out.sum, 0.75);
  assert.deepEqual(out.readShape, [2, 2]);
  assert.match(out.html, /<th[^>]*>epoch<\/th>[\s\S]*0\.25/, "show() drew the frame as an HTML table");
});

test("the built grulab/danfo requires the vendored copy, and its declarations point there too", () => {
  for (const file of ["index.js", "index.d.ts"]) {
    const text = fs.readFileSync(path.join(ROOT, "dist", "src", "danfo", file), "utf8");
    assert.ok(!text.includes('"danfojs-node"'), `dist/src/danfo/${file} names the package danfojs-node`);
    assert.match(text, /"\.\.\/\.\.\/vendor\/danfojs-node"/, `dist/src/danfo/${file}`);
  }
});
