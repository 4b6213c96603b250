import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { patchTslab, patchTslabSource } from "../../src/notebook/tslabPatch";

const TSLAB = path.dirname(require.resolve("tslab/package.json"));
const CONVERTER = path.join(TSLAB, "dist", "converter.js");
const JUPYTER = path.join(TSLAB, "dist", "jupyter.js");

interface Converter {
  convert(prevDecl: string, src: string): { output?: string; declOutput?: string; diagnostics: { message: string }[] };
  close(): void;
}

test("patchTslabSource applies its edits to tslab 1.0.22's converter.js and jupyter.js once, and refuses code it does not know", () => {
  const original = fs.readFileSync(CONVERTER, "utf8");
  const r = patchTslabSource("converter.js", original);
  assert.ok("source" in r);
  assert.match(r.source, /getShorthandAssignmentValueSymbol/);
  assert.match(r.source, /if \(!symbol\.exportSymbol\)/);
  assert.match(r.source, /const pendingTimers = \[\];/);
  assert.doesNotMatch(r.source, /Unexpected pending rebuildTimer/);
  const again = patchTslabSource("converter.js", r.source);
  assert.ok("source" in again && again.source === r.source, "patching twice changes nothing");
  const other = patchTslabSource("converter.js", original.replace("function wrapPrevIdentifier(node) {", "function wrapPrev(node) {"));
  assert.ok("reason" in other);
  assert.match(other.reason, /shorthand properties.*not found once in tslab's converter\.js/);
  const jupyter = patchTslabSource("jupyter.js", fs.readFileSync(JUPYTER, "utf8"));
  assert.ok("source" in jupyter);
  assert.doesNotMatch(jupyter.source, /sock\.send\(heads\.concat\(bodies\)\)/);
  assert.match(jupyter.source, /sendInOrder\(sock, heads\.concat\(bodies\)\);/);
});

test("tslab's converter, patched in memory, rewrites names of earlier cells in every idiom (and the file on disk is unchanged)", () => {
  const before = [CONVERTER, JUPYTER].map((f) => fs.readFileSync(f, "utf8"));
  const r = patchTslab(TSLAB);
  assert.equal(r.patched, true, r.reason);
  assert.equal(r.version, "1.0.22");
  assert.deepEqual(r.files, [CONVERTER, JUPYTER]);
  assert.deepEqual([CONVERTER, JUPYTER].map((f) => fs.readFileSync(f, "utf8")), before);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConverter } = require(CONVERTER) as { createConverter(): Converter };
  const conv = createConverter();
  try {
    const first = conv.convert("", "const T = 1; let p = 0, q = 0; let w = 5;");
    assert.deepEqual(first.diagnostics, []);
    const js = (src: string) => {
      const c = conv.convert(first.declOutput ?? "", src);
      assert.deepEqual(c.diagnostics.map((d) => d.message), [], src);
      return (c.output ?? "").replace(/\s+/g, " ");
    };
    assert.match(js("console.log({ T })"), /console\.log\(\{ T: exports\.T \}\)/);
    assert.match(js("const f = () => ({ T });"), /\(\{ T: exports\.T \}\)/);
    assert.match(js("({ p, q } = { p: 1, q: 2 });"), /\{ p: exports\.p, q: exports\.q \} = \{ p: 1, q: 2 \}/);
    assert.match(js("({ w = 7 } = {});"), /\{ w: exports\.w = 7 \} = \{\}/);
    // A name of the same cell stays as it is; so does a property that only looks like one.
    assert.match(js("const V = 2; console.log({ V, T: 3 });"), /\{ V, T: 3 \}/);
    // The cell's own export is not exported a second time.
    js("export const E = 3;");
  } finally {
    conv.close();
  }
});

// A child process: a tslab converter in a fresh project folder converts a cell that imports a
// package not installed yet, then node_modules appears and a source file of the program changes
// (`npm install` and an edit while a cell runs), then the next cell is converted. Prints each
// cell's diagnostics; `patched` applies grulab's fixes first.
const FILE_EVENTS_CHILD = `
const fs = require("fs"), path = require("path");
const [tslabDir, patchModule, mode, dir] = process.argv.slice(1);
if (mode === "patched" && !require(patchModule).patchTslab(tslabDir).patched) throw new Error("not patched");
process.chdir(dir);
fs.writeFileSync(path.join(dir, "lib.ts"), "export const a = 1;\\n");
const conv = require(path.join(tslabDir, "dist", "converter.js")).createConverter();
const messages = (c) => c.diagnostics.map((d) => d.messageText);
const first = conv.convert("", 'import { a } from "./lib"; import { q } from "not-installed-yet"; const x = a;');
console.log("first " + JSON.stringify(messages(first)));
fs.mkdirSync(path.join(dir, "node_modules"));
fs.writeFileSync(path.join(dir, "lib.ts"), "export const a = 1;\\nexport const b = 2;\\n");
setTimeout(() => fs.writeFileSync(path.join(dir, "node_modules", "x.d.ts"), ""), 300);
setTimeout(() => {
  const second = conv.convert(first.declOutput, 'import { b } from "./lib"; const y: number = b;');
  console.log("second " + JSON.stringify(messages(second)));
  conv.close();
}, 1500);
`;

test("a file changing while a cell runs does not kill the kernel: tslab 1.0.22 throws in its watcher, the patched converter rebuilds at the next cell", () => {
  const patchModule = require.resolve("../../src/notebook/tslabPatch");
  const run = (mode: "patched" | "unpatched") => {
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "grulab-tslab-timers-"));
    try {
      return require("child_process").spawnSync(process.execPath, ["-e", FILE_EVENTS_CHILD, TSLAB, patchModule, mode, dir],
        { encoding: "utf8", timeout: 60_000 }) as { status: number | null; stdout: string; stderr: string };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const unpatched = run("unpatched");
  assert.notEqual(unpatched.status, 0, "tslab 1.0.22 as installed dies on these file events");
  assert.match(unpatched.stderr, /Unexpected pending rebuildTimer/);
  const patched = run("patched");
  assert.equal(patched.status, 0, patched.stderr);
  assert.match(patched.stdout, /^first \[.*Cannot find module 'not-installed-yet'/m, "the first cell's missing package is reported");
  // The second cell sees lib.ts as it is now (b exists): the pending rebuild ran.
  assert.match(patched.stdout, /^second \[\]$/m);
});
