// Test support: the public surface read with TypeScript's compiler API (a reference independent of
// tslab's language service): the entry points package.json's `exports` names, their exports with
// what each doc comment holds, and the @example blocks.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "./jupyterScripts";

/** One entry point: the import specifier a user writes and the source file behind it. */
export interface EntryPoint {
  specifier: string;
  source: string;
}

/** The entry points of package.json's `exports` ("grulab", "grulab/studies", …), core first. */
export function entryPoints(): EntryPoint[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
  return Object.keys(pkg.exports).filter((k) => k !== "./package.json").map((k) => ({
    specifier: k === "." ? "grulab" : `grulab/${k.slice(2)}`,
    source: path.join(ROOT, "src", k === "." ? "index.ts" : path.join(k.slice(2), "index.ts")),
  }));
}

/** One export of an entry point, resolved to its declaration. */
export interface ExportDoc {
  name: string;
  file: string;
  kind: "value" | "type";
  hasDoc: boolean;
  hasExample: boolean;
  /** The text of every @example on the export and, for a class or interface, on its members. */
  examples: string[];
}

function exampleTexts(node: ts.Node): string[] {
  return ts.getJSDocTags(node).filter((t) => t.tagName.text === "example").map((t) => ts.getTextOfJSDocComment(t.comment) ?? "");
}

/** Every export of `entry` resolved to its declaration, with what its doc comment holds. */
export function exportDocs(entry: string): ExportDoc[] {
  const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`${entry}: not found`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    let decl: ts.Node | undefined = symbol.declarations?.[0];
    if (!decl) throw new Error(`export ${exported.name} of ${entry} has no declaration`);
    // A whole module re-exported (`export { tf }`) carries its doc on the export statement.
    if (ts.isSourceFile(decl)) decl = exported.declarations![0].parent.parent;
    // A `const x = …` carries its doc on the variable statement, which getJSDocTags also finds.
    const docNode = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
    const comments = ts.getJSDocCommentsAndTags(docNode);
    const hasDoc = comments.some((c) => ts.isJSDoc(c) && (typeof c.comment === "string" ? c.comment.trim() !== "" : (c.comment?.length ?? 0) > 0));
    const examples = exampleTexts(docNode);
    if (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) for (const m of decl.members) examples.push(...exampleTexts(m));
    const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum | ts.SymbolFlags.ValueModule)) !== 0
      && !ts.isTypeOnlyExportDeclaration(exported.declarations![0] as ts.TypeOnlyExportDeclaration);
    return { name: exported.name, file: path.relative(ROOT, decl.getSourceFile().fileName), kind: isValue ? "value" : "type", hasDoc, hasExample: exampleTexts(docNode).length > 0, examples };
  });
}

/** Every runtime export of src/index.ts, and the first line of the doc comment of each exported function that has one. */
export function publicApi(): { names: string[]; docs: Map<string, string> } {
  const index = path.join(ROOT, "src", "index.ts");
  const program = ts.createProgram([index], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const names: string[] = [];
  const docs = new Map<string, string>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Value)) continue; // types and interfaces: no runtime name to complete
    if (ts.isTypeOnlyExportDeclaration(exported.declarations![0] as ts.TypeOnlyExportDeclaration)) continue; // `export type { Run }`
    names.push(exported.name);
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    if (symbol.flags & ts.SymbolFlags.Function && doc) docs.set(exported.name, doc.split("\n")[0].trim());
  }
  return { names, docs };
}
