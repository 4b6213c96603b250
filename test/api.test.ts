// The public API: the entry points package.json exports ("grulab", "grulab/studies",
// "grulab/advanced", …) match the folders that have an index.ts and resolve for tsc and tslab;
// the core stays small; every export has a doc comment, every exported value an @example, and
// every @example compiles against the public surface as a user's notebook imports it.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import * as ts from "typescript";
import { entryPoints, exportDocs, type EntryPoint } from "./support/publicApi";

const ROOT = path.resolve(__dirname, "..", ".."); // dist/test → repository root
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const CORE_MAX_RUNTIME_NAMES = 45;

test("package.json exports an entry per src/<folder>/index.ts besides the core, each with its typesVersions twin, built", () => {
  const folders = fs.readdirSync(path.join(ROOT, "src")).filter((d) => fs.existsSync(path.join(ROOT, "src", d, "index.ts"))).sort();
  const subpaths = Object.keys(PKG.exports).filter((k) => k !== "." && k !== "./package.json").map((k) => k.slice(2)).sort();
  assert.deepEqual(subpaths, folders, "each src/<folder>/index.ts is the subpath grulab/<folder>: add it to package.json's exports and typesVersions");
  assert.deepEqual(Object.keys(PKG.typesVersions["*"]).sort(), folders, "typesVersions (tslab resolves types with moduleResolution node10, which ignores exports)");
  for (const [key, target] of Object.entries(PKG.exports as Record<string, { types: string; default: string } | string>)) {
    if (key === "./package.json") continue;
    const { types, default: js } = target as { types: string; default: string };
    const base = key === "." ? "dist/src/index" : `dist/src/${key.slice(2)}/index`;
    assert.deepEqual([types, js], [`./${base}.d.ts`, `./${base}.js`], key);
    assert.ok(fs.existsSync(path.join(ROOT, js)), `${js} is built`);
    if (key !== ".") assert.deepEqual(PKG.typesVersions["*"][key.slice(2)], [`${base}.d.ts`]);
  }
  assert.equal(PKG.types, "dist/src/index.d.ts");
  assert.equal(PKG.main, "dist/src/index.js");
});

test("a notebook in notebooks/ resolves \"grulab\" and its subpaths at run time (node) and for types (tslab's TypeScript, node10)", () => {
  const tslabTs = require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.join(ROOT, "node_modules", "tslab")] })) as typeof ts;
  const from = path.join(ROOT, "notebooks", "x.ts");
  for (const { specifier, source } of entryPoints()) {
    const js = require.resolve(specifier, { paths: [path.dirname(from)] });
    assert.equal(fs.realpathSync(js), path.join(ROOT, "dist", path.relative(path.join(ROOT), source)).replace(/\.ts$/, ".js"));
    for (const t of [ts, tslabTs]) {
      const r = t.resolveModuleName(specifier, from, { moduleResolution: t.ModuleResolutionKind.NodeJs }, t.sys);
      assert.equal(r.resolvedModule && fs.realpathSync(r.resolvedModule.resolvedFileName), js.replace(/\.js$/, ".d.ts"), `${specifier} with TypeScript ${t.version}`);
    }
  }
});

test("the core (\"grulab\") has at most 45 runtime names and re-exports the project's own tfjs", () => {
  const runtime = exportDocs(path.join(ROOT, "src", "index.ts")).filter((d) => d.kind === "value").map((d) => d.name);
  assert.ok(runtime.length <= CORE_MAX_RUNTIME_NAMES, `${runtime.length} runtime names in src/index.ts: ${runtime.join(", ")}`);
  assert.ok(runtime.length >= 30, `only ${runtime.length}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  assert.equal(require(path.join(ROOT, "dist", "src", "index.js")).tf.tensor, require("@tensorflow/tfjs").tensor);
});

test("exportDocs sees a missing comment, a missing example, a type-only export and the examples of members", () => {
  const dir = fs.mkdtempSync(path.join(ROOT, "dist", "api-docs-"));
  const entry = path.join(dir, "index.ts");
  fs.writeFileSync(path.join(dir, "a.ts"), [
    "/**\n * Documented.\n *\n * @example\n * a();\n */\nexport function a(): void {}",
    "/** Documented, no example. */\nexport const b = 1;",
    "export class C {}",
    "/** A type. */\nexport interface D { x: number }",
    "/** A class. @example new E().f(); */\nexport class E {\n  /** @example e.f() */\n  f(): void {}\n}",
  ].join("\n"));
  fs.writeFileSync(entry, 'export { a, b, C } from "./a";\nexport type { D, E } from "./a";\n');
  try {
    const docs = Object.fromEntries(exportDocs(entry).map((d) => [d.name, [d.kind, d.hasDoc, d.hasExample, d.examples.length]]));
    assert.deepEqual(docs, { a: ["value", true, true, 1], b: ["value", true, false, 0], C: ["value", false, false, 0], D: ["type", true, false, 0], E: ["type", true, true, 2] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const { specifier, source } of entryPoints()) {
  test(`every export of "${specifier}" has a doc comment; every exported function, class and constant an @example`, () => {
    const docs = exportDocs(source);
    // "grulab/danfo" is one name (danfo's namespace); every other subpath has several.
    assert.ok(docs.length >= (specifier === "grulab" ? 30 : specifier === "grulab/danfo" ? 1 : 3), `only ${docs.length} exports: is the entry point parsed?`);
    const missing = docs.filter((d) => !d.hasDoc).map((d) => `${d.name} (${d.file}): no doc comment`);
    const noExample = docs.filter((d) => d.kind === "value" && !d.hasExample).map((d) => `${d.name} (${d.file}): no @example`);
    assert.deepEqual([...missing, ...noExample], []);
  });
}

test("the public API leaves out CLI internals, HTML plumbing and the raw kernels", () => {
  const names = new Set(entryPoints().flatMap((e) => exportDocs(e.source).map((d) => d.name)));
  for (const internal of ["main", "parseTutorialArgs", "scriptJson", "CHROMIUM_ARGS", "plotlyBundle", "escapeHtml",
    "gruKernelForward", "gruKernelBackward", "fusedGruSequence", "reportCli", "kernelSink", "tslabSink", "writeFileAtomic", "csvCell"]) {
    assert.ok(!names.has(internal), `${internal} is exported from an entry point`);
  }
});

/** The prelude of an example: the three namespaces and every public name, as a notebook imports them. */
function examplePrelude(entries: EntryPoint[]): { prelude: string; publicNames: Set<string> } {
  const lines = ['import * as tf from "@tensorflow/tfjs";'];
  const seen = new Set<string>(["tf"]);
  for (const { specifier, source } of entries) {
    const ns = specifier === "grulab" ? "grulab" : specifier.slice("grulab/".length);
    lines.push(`import * as ${ns} from "${specifier}";`);
    const names = exportDocs(source).map((d) => d.name).filter((n) => !seen.has(n));
    names.forEach((n) => seen.add(n));
    if (names.length) lines.push(`import { ${names.join(", ")} } from "${specifier}";`);
  }
  return { prelude: lines.join("\n") + "\n", publicNames: seen };
}

/** Diagnostics of each example, compiled as a notebook cell is (node10, CommonJS, strict). Free names in an example (its data, model, run) are `any`. */
function checkExamples(examples: Array<{ where: string; code: string }>, entries: EntryPoint[], dir: string): string[] {
  const { prelude, publicNames } = examplePrelude(entries);
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, strict: true, noImplicitAny: false, esModuleInterop: true, skipLibCheck: true, noEmit: true, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] };
  const files = examples.map((e, i) => path.join(dir, `example${i}.ts`));
  // An example's own import lines go on top, except the ones the prelude has already.
  const imports = (code: string) => code.split("\n").filter((l) => /^import\s/.test(l) && !prelude.includes(l.replace(/\s*\/\/.*$/, "")));
  const body = (code: string) => code.split("\n").map((l) => (/^import\s/.test(l) ? "" : l)).join("\n");
  const write = (free: Map<number, Set<string>>) => examples.forEach((e, i) => {
    const declared = [...(free.get(i) ?? [])].map((n) => `declare const ${n}: any; type ${n} = any;`).join("\n");
    fs.writeFileSync(files[i], `${prelude}${imports(e.code).join("\n")}\n${declared}\nexport {};\nasync function example(): Promise<void> {\n${body(e.code)}\n}\n`);
  });
  const compile = () => ts.getPreEmitDiagnostics(ts.createProgram(files, options)).filter((d) => d.file && files.includes(d.file.fileName));
  write(new Map());
  const free = new Map<number, Set<string>>();
  for (const d of compile()) {
    const m = /^(?:Cannot find name|No value exists in scope for the shorthand property) '(\w+)'\.(?: Did you mean '(\w+)'\?)?/.exec(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    // An unknown name is the example's own context (model, data, x …), unless it misspells a public name
    // (`run` for `Run` is a variable, `lossCurve` for `lossCurves` a typo).
    if (m && !(m[2] && publicNames.has(m[2]) && m[2].toLowerCase() !== m[1].toLowerCase())) {
      const i = files.indexOf(d.file!.fileName);
      free.set(i, (free.get(i) ?? new Set()).add(m[1]));
    }
  }
  write(free);
  return compile().map((d) => {
    const i = files.indexOf(d.file!.fileName);
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    const codeLine = line + 1 - d.file!.text.slice(0, d.file!.text.indexOf("async function example")).split("\n").length;
    return `${examples[i].where}, example line ${codeLine}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

test("the example checker finds a misspelt public name, a wrong option and a syntax error, and takes free names as the example's context", () => {
  const entries = entryPoints();
  const dir = fs.mkdtempSync(path.join(ROOT, "dist", ".examples-"));
  try {
    const errors = checkExamples([
      { where: "good", code: "const figure = lossCurves(run.history);\nawait grulab.initBackend();\nconst t = tf.zeros([1]);" },
      { where: "typo", code: "lossCurve(run.history);" },
      { where: "option", code: "lossCurves(run.history, { titel: \"loss\" });" },
      { where: "syntax", code: "try { … } catch {}" },
    ], entries, dir);
    assert.deepEqual(errors.map((e) => e.split(",")[0]).sort(), ["option", "syntax", "typo"], errors.join("\n"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("every @example of the public API compiles against the public surface (\"grulab\" and its subpaths)", () => {
  const entries = entryPoints();
  const examples = entries.flatMap((e) => exportDocs(e.source).flatMap((d) => d.examples.map((code) => ({ where: `${d.name} (${d.file})`, code }))));
  const unique = [...new Map(examples.map((e) => [e.code, e])).values()];
  assert.ok(unique.length > 100, `only ${unique.length} examples`);
  const dir = fs.mkdtempSync(path.join(ROOT, "dist", ".examples-"));
  try {
    assert.deepEqual(checkExamples(unique, entries, dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("npm run docs runs TypeDoc on the entry points into the git-ignored docs/api/, unexported types an error", () => {
  assert.equal(PKG.scripts.docs, "typedoc");
  assert.match(PKG.devDependencies.typedoc, /^\d+\.\d+\.\d+$/, "typedoc pinned to an exact version");
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "typedoc.json"), "utf8"));
  assert.deepEqual(config.entryPoints, entryPoints().map((e) => path.relative(ROOT, e.source)));
  assert.equal(config.out, "docs/api");
  assert.equal(config.validation.notExported, true);
  assert.match(fs.readFileSync(path.join(ROOT, ".gitignore"), "utf8"), /^\/docs\/api\/$/m);
});

test("TypeDoc builds the reference without a warning: a page per exported function, with its example", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-api-"));
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--out", out, "--treatWarningsAsErrors"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const page = fs.readFileSync(path.join(out, "functions", "index.initBackend.html"), "utf8");
  assert.match(page, /Chooses and activates the tensor backend/);
  assert.match(page, /Example/);
  fs.rmSync(out, { recursive: true, force: true });
});
