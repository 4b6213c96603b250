// Completion (Tab) and inspection (Shift-Tab) in the grulab kernel through the Jupyter protocol:
// scripts/kernel_request.py sends complete_request / inspect_request with jupyter_client from the
// pinned environment. The reference is independent of tslab: TypeScript's compiler API reads the
// public surface and the doc comments from src/index.ts.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import * as ts from "typescript";
import { ROOT, jupyterEnv, runScript, tempDir } from "../support/jupyterScripts";
import * as fs from "fs";

interface Reply { request: string; code: string; reply: { status: string; matches?: string[]; found?: boolean; data?: Record<string, string> } }

/** Every runtime export of src/index.ts, and the doc comment (first line) of each exported function that has one. */
function publicApi(): { names: string[]; docs: Map<string, string> } {
  const index = path.join(ROOT, "src", "index.ts");
  const program = ts.createProgram([index], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const names: string[] = [];
  const docs = new Map<string, string>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Value)) continue; // types and interfaces: no runtime name to complete
    names.push(exported.name);
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    if (symbol.flags & ts.SymbolFlags.Function && doc) docs.set(exported.name, doc.split("\n")[0].trim());
  }
  return { names, docs };
}

const IMPORT = 'import * as grulab from "../dist/src/index";';

test("grulab. completes to exactly the public API, and Shift-Tab on every documented function shows its doc comment", () => {
  const { names, docs } = publicApi();
  assert.ok(names.length >= 20 && docs.size >= 10, `src/index.ts: ${names.length} runtime exports, ${docs.size} documented functions`);
  const dir = tempDir("kernel-request");
  try {
    const args = ["--run", IMPORT, "--complete", "grulab.", "--complete", "grulab.lossCur"];
    for (const name of docs.keys()) args.push("--inspect", `grulab.${name}`);
    args.push("--inspect", "grulab.noSuchFunction");
    const r = runScript("kernel_request.py", args, jupyterEnv(dir));
    assert.equal(r.status, 0, r.stderr);
    const replies = JSON.parse(r.stdout) as Reply[];
    const [all, partial, ...inspected] = replies;
    assert.deepEqual([...all.reply.matches!].sort(), [...names].sort(), "completion lists the runtime exports, nothing else");
    assert.equal(partial.reply.matches?.[0], "lossCurves");
    const missing = inspected.slice(0, -1).filter((x) => {
      const text = x.reply.data?.["text/plain"] ?? "";
      return !(x.reply.found && text.includes(docs.get(x.code.slice("grulab.".length))!));
    });
    assert.deepEqual(missing.map((x) => `${x.code}: ${JSON.stringify(x.reply.data)}`), [], "inspect shows the doc comment");
    // The signature comes with it: what Shift-Tab shows is "function lossCurves(history: ...".
    const loss = inspected.find((x) => x.code === "grulab.lossCurves");
    if (loss) assert.match(loss.reply.data!["text/plain"], /function lossCurves\(/);
    // tslab answers an unknown member with found: true and its type, "any": no doc comment there.
    const none = inspected[inspected.length - 1].reply.data?.["text/plain"] ?? "";
    assert.ok(![...docs.values()].some((d) => none.includes(d)), `unknown name: ${none}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("kernel_request.py without a request stops with a usage message, before any kernel starts", () => {
  const dir = tempDir("kernel-request-usage");
  try {
    const r = runScript("kernel_request.py", ["--run", IMPORT], jupyterEnv(dir));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nothing to ask: give --complete CODE or --inspect CODE/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
