// The sweep snippets a reader copies: README's "a sweep from a notebook" and "the two commands to add a
// machine", and docs/sweeps.md's notebook sweep through the queue. The TypeScript ones compile as a
// notebook cell does (CommonJS, node10 resolution of "grulab" and its subpaths, strict; `grulab` imported
// as the notebooks do); the shell ones name commands and options that grulab has.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..", "..");

/** The fenced blocks of `lang` in the section of `file` whose heading starts with `heading`. */
function blocks(file: string, heading: string, lang: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const at = text.indexOf(`\n${heading}`);
  assert.ok(at >= 0, `${file} has a section "${heading}"`);
  const next = text.indexOf("\n## ", at + heading.length + 1);
  const section = text.slice(at, next < 0 ? undefined : next);
  return [...section.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

/** Compiles each snippet as one notebook cell; returns the diagnostics as "snippet i, line n: message". */
function compileCells(snippets: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(ROOT, "dist", ".snippets-"));
  try {
    const files = snippets.map((code, i) => {
      const imports = code.split("\n").filter((l) => /^import\s/.test(l));
      const body = code.split("\n").filter((l) => !/^import\s/.test(l));
      const file = path.join(dir, `cell${i}.ts`);
      fs.writeFileSync(file, ['import * as grulab from "grulab";', ...imports, "export {};", "async function cell(): Promise<void> {", ...body, "}", ""].join("\n"));
      return file;
    });
    const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: ["node"], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] };
    return ts.getPreEmitDiagnostics(ts.createProgram(files, options)).filter((d) => d.file && files.includes(d.file.fileName)).map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `snippet ${files.indexOf(d.file!.fileName)}, line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("README's sweep from a notebook and docs/sweeps.md's sweep through the queue compile against grulab's public API", () => {
  const readme = blocks("README.md", "## Many runs", "ts");
  assert.equal(readme.length, 1, "README's sweep section has one TypeScript block");
  assert.ok(readme[0].trim().split("\n").length <= 6, `a sweep in five lines (and its import): ${readme[0]}`);
  const queue = blocks("docs/sweeps.md", "## Many machines", "ts");
  assert.ok(queue.some((b) => b.includes("queueExecutor(")), "docs/sweeps.md shows queueExecutor from a notebook");
  assert.deepEqual(compileCells([...readme, ...queue]), []);
  // The checker finds a wrong option and an unknown export.
  const wrong = compileCells(['import { startSweep, queueExecutor } from "grulab/sweeps";\nawait startSweep("x", { trial: "tutorial", space: { seed: [1] }, metric: "val_loss", budget: { epochz: 1 } });\nqueueExecutor({ redis: 1 });', 'import { startSweepz } from "grulab/sweeps";']);
  assert.equal(wrong.length, 3, wrong.join("\n"));
});

test("README's two commands to add a machine: grulab worker takes --redis", () => {
  const sh = blocks("README.md", "## Many runs", "sh").join("\n");
  const commands = sh.split("\n").map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => l !== "");
  assert.equal(commands.length, 2, `two commands: ${commands.join(" | ")}`);
  assert.match(commands[0], /^sudo mount /);
  assert.match(commands[1], /^npx grulab worker --redis redis:\/\/:PASSWORD@HOST:PORT$/);
  const help = spawnSync(process.execPath, [path.join(ROOT, "bin", "grulab.js"), "worker", "--help"], { encoding: "utf8", timeout: 60_000 });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /--redis/);
});
