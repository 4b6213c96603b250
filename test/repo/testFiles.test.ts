// Every source file with logic has a test file of its own beside it in the mirrored tree
// (src/a/b.ts → test/a/b.test.ts). The rule that decides "has logic", and the
// few exemptions it makes, are below; nothing is exempted by a hand-kept list.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "../../..");

/**
 * The rule. A file has logic when it holds code that runs:
 * - a function, method, constructor, accessor, arrow function or function expression with a body, or
 * - a top-level statement that is not a declaration (an expression, a loop, an if: a script such
 *   as a worker thread's).
 * Without logic (no test file of their own needed): imports and re-exports (index.ts entry files),
 * interfaces and type aliases, `declare`s, and constants — a top-level `const` whose value is data
 * or a call of another file's function (e.g. a field list given to callBlock: the callee is tested).
 * Generated files (`*.generated.ts`, written by scripts/build-kernels.js from a field list) are the
 * generator's output: test/scripts/buildKernels.test.ts and test/kernels/callBlock.test.ts test it.
 */
function hasLogic(fileName: string, text: string): boolean {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node) ||
         ts.isSetAccessor(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.body !== undefined) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) {
    const declaration = ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement) ||
      ts.isExportAssignment(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) ||
      ts.isVariableStatement(statement) || ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) ||
      ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement) || ts.isEmptyStatement(statement);
    if (!declaration) return true;
    visit(statement);
    if (found) return true;
  }
  return false;
}

/** src/a/b.ts → test/a/b.test.ts */
const mirrored = (source: string) => path.join("test", path.relative("src", source)).replace(/\.ts$/, ".test.ts");

function sources(dir = "src"): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") && !e.name.endsWith(".generated.ts") ? [rel] : [];
  }).sort();
}

test("the rule: functions, methods, classes with code and top-level statements are logic; types, re-exports and constants are not", () => {
  const logic = (text: string) => hasLogic("x.ts", text);
  assert.equal(logic("export interface A { a: number }\nexport type B = A | null;"), false);
  assert.equal(logic('export { a } from "./a";\nexport * from "./b";\nimport type { C } from "./c";'), false);
  assert.equal(logic('export const X = { a: 1, b: [2, "c"] } as const;\nexport const Y = callBlock("T", "k", { a: "int" });'), false);
  assert.equal(logic("declare const z: number;\nexport declare function f(): void;"), false);
  assert.equal(logic("export function f(): number { return 1; }"), true);
  assert.equal(logic("export const f = (x: number) => x + 1;"), true);
  assert.equal(logic("export const table = { tanh: (x: number) => Math.tanh(x) };"), true);
  assert.equal(logic("export class E extends Error { constructor(m: string) { super(m); } }"), true);
  assert.equal(logic('import { w } from "w";\nfor (;;) w();'), true);
  assert.equal(logic("@inline function v(x: v128): v128 { return x; }"), true, "AssemblyScript parses as TypeScript");
});

test("every source file with logic has its test file beside it (src/a/b.ts → test/a/b.test.ts)", () => {
  const all = sources();
  assert.ok(all.length > 100 && all.includes(path.join("src", "index.ts")), `found ${all.length} source files`);
  const missing = all.filter((f) => hasLogic(f, fs.readFileSync(path.join(root, f), "utf8")) && !fs.existsSync(path.join(root, mirrored(f))));
  assert.deepEqual(missing, [], `${missing.length} source files with logic have no test file of their own:\n` +
    missing.map((f) => `  ${f} → ${mirrored(f)}`).join("\n"));
});
