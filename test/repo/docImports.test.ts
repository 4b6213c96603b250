// What the notebooks, docs and README import is what a user's project has: "grulab" and the
// subpaths package.json exports, node's builtins, grulab's peers (the tfjs packages) and tslab (the
// kernel the notebooks run in; `grulab kernel install` resolves it from the project). Anything else
// (`danfojs-node`, `../dist/src/index`, a dev dependency) fails in a project that installed grulab.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { builtinModules } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "../../..");
const PKG = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  exports: Record<string, unknown>; peerDependencies: Record<string, string>;
};

/** Why a specifier is fine in a user's project, or null when it is not. */
function allowed(specifier: string): string | null {
  if (specifier === "grulab") return "grulab";
  if (specifier.startsWith("grulab/")) return `./${specifier.slice(7)}` in PKG.exports && specifier !== "grulab/package.json" ? "a grulab subpath" : null;
  if (specifier.startsWith("node:") || builtinModules.includes(specifier)) return "a node builtin";
  if (specifier.startsWith("@tensorflow/") && specifier in PKG.peerDependencies) return "a tfjs peer dependency";
  if (specifier === "tslab") return "the kernel";
  return null;
}

/** The import/require specifiers of a piece of TypeScript or JavaScript (imports, requires, dynamic imports). */
function specifiers(code: string): string[] {
  return ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
}

/** The code a user copies: every code cell of notebooks/*.ipynb, every ts/js block of docs/*.md and README.md. */
function userCode(): Array<{ where: string; code: string }> {
  const out: Array<{ where: string; code: string }> = [];
  for (const name of fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort()) {
    const nb = JSON.parse(fs.readFileSync(path.join(root, "notebooks", name), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    nb.cells.forEach((c, i) => {
      if (c.cell_type === "code") out.push({ where: `notebooks/${name} cell ${i}`, code: Array.isArray(c.source) ? c.source.join("") : c.source });
    });
  }
  const docs = fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`);
  for (const file of [...docs, "README.md"]) {
    const lines = fs.readFileSync(path.join(root, file), "utf8").split("\n");
    let open: { line: number; lang: string; body: string[] } | null = null;
    lines.forEach((line, i) => {
      const fence = /^\s*```(\w*)/.exec(line);
      if (fence && !open) open = { line: i + 1, lang: fence[1], body: [] };
      else if (fence && open) {
        if (/^(ts|tsx|typescript|js|mjs|cjs|javascript)$/.test(open.lang)) out.push({ where: `${file}:${open.line}`, code: open.body.join("\n") });
        open = null;
      } else open?.body.push(line);
    });
  }
  return out;
}

test("the scanner reads imports, requires and dynamic imports, and allows only what a user's project has", () => {
  assert.deepEqual(specifiers('import * as dfd from "danfojs-node";\nconst fs = require("fs");\nconst m = await import("grulab/onnx");\nimport "./x";'),
    ["danfojs-node", "fs", "grulab/onnx", "./x"]);
  assert.equal(allowed("danfojs-node"), null);
  assert.equal(allowed("../dist/src/index"), null);
  assert.equal(allowed("grulab/nothing"), null);
  assert.equal(allowed("grulab/dist/src/index"), null);
  assert.equal(allowed("esbuild"), null, "a dev dependency");
  assert.equal(allowed("bullmq"), null, "grulab's own dependency: a user's project may not have it at the top");
  assert.equal(allowed("onnxruntime-node"), null, "an optional peer: a user's project has it only if they installed it");
  for (const ok of ["grulab", "grulab/danfo", "grulab/studies", "fs", "node:path", "child_process", "@tensorflow/tfjs", "tslab"]) assert.ok(allowed(ok), ok);
});

test("notebooks, docs and README import only grulab, its exported subpaths, node builtins, the tfjs peers and tslab", () => {
  const code = userCode();
  assert.ok(code.filter((c) => c.where.startsWith("notebooks/")).length > 30, "notebook cells found");
  assert.ok(code.some((c) => c.where.startsWith("README.md")) && code.some((c) => c.where.startsWith("docs/")), "README and docs code blocks found");
  const bad = code.flatMap(({ where, code: text }) => specifiers(text).filter((s) => !allowed(s)).map((s) => `${where}: "${s}"`));
  assert.deepEqual(bad, [], "imports a project that installed grulab does not have (use \"grulab\" or a subpath: grulab/danfo for DataFrames)");
  const used = new Set(code.flatMap((c) => specifiers(c.code)));
  assert.ok(used.has("grulab") && used.has("grulab/danfo"), "the notebooks import grulab and grulab/danfo");
});
