// The shape of the library as a whole: no import cycle, and importing it changes nothing global.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const DIST_SRC = path.resolve(__dirname, "..", "src"); // dist/src (this file runs from dist/test)
const SRC = path.resolve(__dirname, "..", "..", "src");

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "wasm" ? [] : filesUnder(p, ext);
    return e.name.endsWith(ext) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** file → the files it imports (relative specifiers only), resolved with `ext`. */
function importGraph(dir: string, ext: string, pattern: RegExp): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of filesUnder(dir, ext)) {
    const targets: string[] = [];
    for (const m of fs.readFileSync(file, "utf8").matchAll(pattern)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const target = [base + ext, path.join(base, "index" + ext)].find((p) => fs.existsSync(p));
      if (target !== undefined) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The first cycle found by depth-first search, as a list of files, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (v: string): string[] | null => {
    state.set(v, "open");
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (state.get(w) === "open") return [...stack.slice(stack.indexOf(w)), w];
      if (state.get(w) === undefined) {
        const found = visit(w);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(v, "done");
    return null;
  };
  for (const v of graph.keys()) {
    if (state.get(v) === undefined) {
      const found = visit(v);
      if (found) return found;
    }
  }
  return null;
}

const REQUIRE = /require\("(\.[^"]+)"\)/g;
const IMPORT = /(?:from|import\(|require\()\s*"(\.[^"]+)"/g;

test("findCycle finds a cycle and only a cycle", () => {
  assert.deepEqual(findCycle(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]])), ["a", "b", "c", "a"]);
  assert.equal(findCycle(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]])), null);
});

test("the compiled library has no require cycle", () => {
  const graph = importGraph(DIST_SRC, ".js", REQUIRE);
  assert.ok(graph.size > 50, `only ${graph.size} compiled files found under ${DIST_SRC}`);
  const cycle = findCycle(graph);
  assert.equal(cycle, null, `require cycle: ${cycle?.map((f) => path.relative(DIST_SRC, f)).join(" → ")}`);
});

test("the sources have no import cycle, type imports included", () => {
  const cycle = findCycle(importGraph(SRC, ".ts", IMPORT));
  assert.equal(cycle, null, `import cycle: ${cycle?.map((f) => path.relative(SRC, f)).join(" → ")}`);
});

/**
 * The folders of src/ in the order of the data flow, lowest first: a file imports only from its
 * own folder and folders before it. Files at the top of src/ are slots of their own (`backend`,
 * `index`). `onnx` and `sweeps` are slots even while empty. `advanced` and `danfo` only
 * re-export (the subpaths grulab/advanced, grulab/danfo). A new folder takes its place here.
 */
const FOLDER_ORDER = [
  "util", "backend", "data", "kernels", "models", "bounds", "io", "onnx", "training", "baselines", "traces",
  "charts", "export", "runs", "reports", "notebook", "studies", "sweeps", "advanced", "danfo", "cli", "index",
];

/** The slot of a source file: its first folder under src/, or its name for a file at the top. */
function slotOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, "");
}

/** Imports that go to a later slot of FOLDER_ORDER, as "file: import → slot". Comments are not imports. */
function upwardImports(sources: Array<[file: string, text: string]>): string[] {
  const wrong: string[] = [];
  for (const [file, text] of sources) {
    const from = slotOf(file);
    const info = ts.preProcessFile(text, true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const to = slotOf(path.resolve(path.dirname(file), fileName));
      if (FOLDER_ORDER.indexOf(to) > FOLDER_ORDER.indexOf(from)) wrong.push(`src/${path.relative(SRC, file)}: import "${fileName}" → ${to}/ (after ${from}/)`);
    }
  }
  return wrong;
}

test("every folder of src/ has its place in the data-flow order", () => {
  const slots = new Set(filesUnder(SRC, ".ts").map(slotOf));
  assert.deepEqual([...slots].filter((s) => !FOLDER_ORDER.includes(s)), [], "add the new folder to FOLDER_ORDER");
  assert.ok(slots.size >= 15, `only ${slots.size} folders found under ${SRC}`);
});

test("no file imports from a folder later in the data flow (types included), naming the file and the import", () => {
  assert.deepEqual(upwardImports(filesUnder(SRC, ".ts").map((f) => [f, fs.readFileSync(f, "utf8")])), []);
});

test("the folder-order check finds an upward import, a require and a dynamic import, and ignores one in a comment", () => {
  const text = [
    '// import { writeReport } from "../reports/writeReport";',
    'import type { Run } from "../runs/Run";',
    'import { gru } from "./gru";',
    'const cli = require("../cli/main");',
    'const kernels = import("../kernels/gruKernel");',
  ].join("\n");
  assert.deepEqual(upwardImports([[path.join(SRC, "models", "x.ts"), text]]), [
    'src/models/x.ts: import "../runs/Run" → runs/ (after models/)',
    'src/models/x.ts: import "../cli/main" → cli/ (after models/)',
  ]);
});

// Runs in a fresh process: what tfjs and node look like before and after `require(grulab)`.
const SNAPSHOT = `
const tf = require("@tensorflow/tfjs");
const snapshot = () => {
  const engine = tf.engine();
  const classes = tf.serialization.SerializationMap.getMap().classNameMap;
  const backends = Object.keys(engine.registryFactory).sort();
  return {
    backends: backends.map((b) => [b, engine.registryFactory[b].priority]),
    activeBackend: engine.backendInstance == null ? null : engine.backendName,
    kernels: backends.map((b) => tf.getKernelsForBackend(b).map((k) => k.kernelName).sort().join(",")),
    classes: Object.fromEntries(Object.entries(classes).map(([name, [cls]]) => [name, cls])),
    flags: JSON.stringify(tf.env().flags),
    listeners: ["SIGINT", "SIGTERM", "exit", "uncaughtException", "unhandledRejection"].map((e) => process.listenerCount(e)),
    globals: Object.keys(globalThis).sort().join(","),
  };
};
const before = snapshot();
const t0 = process.hrtime.bigint();
require(process.argv[1]);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const after = snapshot();
const changedClasses = Object.keys(before.classes).filter((n) => after.classes[n] !== before.classes[n]);
const addedClasses = Object.keys(after.classes).filter((n) => !(n in before.classes));
const danfoLoaded = Object.keys(require.cache).some((f) => f.includes("danfojs-node"));
delete before.classes; delete after.classes;
console.log(JSON.stringify({ before, after, changedClasses, addedClasses, danfoLoaded, ms }));
`;

test("importing grulab changes nothing global: backends, kernels, tfjs's classes, flags, listeners; danfo not loaded", () => {
  const r = spawnSync(process.execPath, ["-e", SNAPSHOT, path.join(DIST_SRC, "index.js")], {
    cwd: path.resolve(__dirname, "..", ".."), encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop() as string);
  assert.deepEqual(out.after, out.before);
  assert.deepEqual(out.changedClasses, [], "tfjs classes replaced in the serialization registry");
  // grulab's own serializable classes are added under their own names (so saved models load).
  assert.deepEqual(out.addedClasses.filter((n: string) => !n.startsWith("Grulab")), []);
  assert.ok(out.addedClasses.includes("GrulabGRU") && out.addedClasses.includes("GrulabOrthogonal"), out.addedClasses.join(", "));
  assert.equal(out.danfoLoaded, false, "danfojs-node was loaded by the import");
});
