// The public API's documentation: every export of src/index.ts has a doc comment, and every
// exported value (function, class, constant) an @example; `npm run docs` is configured.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", ".."); // dist/test → repository root
const INDEX = path.join(ROOT, "src", "index.ts");

interface ExportDoc {
  name: string;
  file: string;
  kind: "value" | "type";
  hasDoc: boolean;
  hasExample: boolean;
}

/** Every export of `entry` resolved to its declaration, with what its doc comment holds. */
function exportDocs(entry: string): ExportDoc[] {
  const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  assert.ok(source, entry);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  assert.ok(moduleSymbol, `${entry} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    assert.ok(decl, `export ${exported.name} has no declaration`);
    // A `const x = …` carries its doc on the variable statement, which getJSDocTags also finds.
    const docNode = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
    const comments = ts.getJSDocCommentsAndTags(docNode);
    const hasDoc = comments.some((c) => ts.isJSDoc(c) && (typeof c.comment === "string" ? c.comment.trim() !== "" : (c.comment?.length ?? 0) > 0));
    const hasExample = ts.getJSDocTags(docNode).some((t) => t.tagName.text === "example");
    const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum)) !== 0;
    return { name: exported.name, file: path.relative(ROOT, decl.getSourceFile().fileName), kind: isValue ? "value" : "type", hasDoc, hasExample };
  });
}

test("exportDocs sees a missing comment and a missing example", () => {
  const dir = fs.mkdtempSync(path.join(ROOT, "dist", "api-docs-"));
  const entry = path.join(dir, "index.ts");
  fs.writeFileSync(path.join(dir, "a.ts"), [
    "/**\n * Documented.\n *\n * @example\n * a();\n */\nexport function a(): void {}",
    "/** Documented, no example. */\nexport const b = 1;",
    "export class C {}",
    "/** A type. */\nexport interface D { x: number }",
  ].join("\n"));
  fs.writeFileSync(entry, 'export { a, b, C } from "./a";\nexport type { D } from "./a";\n');
  try {
    const docs = Object.fromEntries(exportDocs(entry).map((d) => [d.name, [d.kind, d.hasDoc, d.hasExample]]));
    assert.deepEqual(docs, { a: ["value", true, true], b: ["value", true, false], C: ["value", false, false], D: ["type", true, false] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("every export of src/index.ts has a doc comment; every exported function, class and constant an @example", () => {
  const docs = exportDocs(INDEX);
  assert.ok(docs.length > 40, `only ${docs.length} exports`);
  const missing = docs.filter((d) => !d.hasDoc).map((d) => `${d.name} (${d.file}): no doc comment`);
  const noExample = docs.filter((d) => d.kind === "value" && !d.hasExample).map((d) => `${d.name} (${d.file}): no @example`);
  assert.deepEqual([...missing, ...noExample], []);
});

test("the public API leaves out CLI internals, HTML plumbing and the raw kernels", () => {
  const names = new Set(exportDocs(INDEX).map((d) => d.name));
  for (const internal of ["main", "parseTutorialArgs", "scriptJson", "CHROMIUM_ARGS", "plotlyBundle", "escapeHtml",
    "gruKernelForward", "gruKernelBackward", "fusedGruSequence", "reportCli", "kernelSink", "writeFileAtomic"]) {
    assert.ok(!names.has(internal), `${internal} is exported from src/index.ts`);
  }
});

test("npm run docs runs TypeDoc on src/index.ts into the git-ignored docs/api/", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  assert.equal(pkg.scripts.docs, "typedoc");
  assert.match(pkg.devDependencies.typedoc, /^\d+\.\d+\.\d+$/, "typedoc pinned to an exact version");
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "typedoc.json"), "utf8"));
  assert.deepEqual([config.entryPoints, config.out], [["src/index.ts"], "docs/api"]);
  assert.match(fs.readFileSync(path.join(ROOT, ".gitignore"), "utf8"), /^\/docs\/api\/$/m);
});

test("TypeDoc builds the reference without a warning: a page per exported function, with its example", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-api-"));
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--out", out, "--treatWarningsAsErrors"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const page = fs.readFileSync(path.join(out, "functions", "initBackend.html"), "utf8");
  assert.match(page, /Chooses and activates the tensor backend/);
  assert.match(page, /Example/);
  fs.rmSync(out, { recursive: true, force: true });
});
