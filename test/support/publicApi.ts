// Test support: the public surface of src/index.ts read with TypeScript's compiler API (an
// reference independent of tslab's language service): runtime export names and doc comments.
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "./jupyterScripts";

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
    names.push(exported.name);
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    if (symbol.flags & ts.SymbolFlags.Function && doc) docs.set(exported.name, doc.split("\n")[0].trim());
  }
  return { names, docs };
}
