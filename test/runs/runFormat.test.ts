// runFormat owns the run folder's names and CSV headers (io/modelFiles the model folder's,
// training/historyRow the history's fixed columns): no other source file spells one out.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { MODEL_FILES } from "../../src/io/modelFiles";
import { gatesHeader, predictionsHeader, RUN_FILES, runContents, samplesHeader, TRACE_FILES, TRACE_HEADERS } from "../../src/runs/runFormat";
import { HISTORY_FIXED_COLUMNS } from "../../src/training/historyRow";

const SRC = path.resolve(__dirname, "..", "..", "..", "src");
const OWNERS = ["runs/runFormat.ts", "io/modelFiles.ts", "training/historyRow.ts"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? (e.name === "wasm" ? [] : sourceFiles(p)) : e.name.endsWith(".ts") ? [p] : [];
  });
}

const FILE_NAMES = [...Object.values(RUN_FILES), ...Object.values(TRACE_FILES), ...Object.values(MODEL_FILES)].filter((n) => n.includes("."));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const NAME = new RegExp(`(^|[^\\w.-])(${FILE_NAMES.map(escape).join("|")})(?![\\w-])`);
const CSV_HEADER = /^\w+(,\w+){2,}$/; // three or more comma-separated identifiers

/** Each string literal (template parts included) of `text` that names a run-folder file, holds a CSV header or lists the history's fixed columns, as "line: text". Comments are not literals. */
function formatLiterals(text: string): string[] {
  const source = ts.createSourceFile("x.ts", text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (NAME.test(node.text) || CSV_HEADER.test(node.text)) at(node, JSON.stringify(node.text));
    }
    if (ts.isArrayLiteralExpression(node)) {
      const strings = new Set(node.elements.filter(ts.isStringLiteral).map((e) => e.text));
      if (HISTORY_FIXED_COLUMNS.filter((c) => strings.has(c)).length >= 3) at(node, `the history's fixed columns ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test("the scan finds a file name, a CSV header, a template part and the history columns, and skips comments", () => {
  const text = [
    '// writes report.html and "gates.csv"',
    'const a = path.join(dir, "report.html");',
    'const b = `${dir}/traces/saturation.csv`;',
    'const c = "layer,gate,unit";',
    'const d = ["epoch", "loss", "val_loss"];',
    'const e = "a report"; const f = "model"; const g = "x,y";',
  ].join("\n");
  assert.deepEqual(formatLiterals(text), ['2: "report.html"', '3: "/traces/saturation.csv"', '4: "layer,gate,unit"', '5: the history\'s fixed columns ["epoch", "loss", "val_loss"]']);
});

test("no source file outside runFormat, modelFiles and historyRow spells a run-folder file name, a CSV header or the history's fixed columns", () => {
  const files = sourceFiles(SRC);
  assert.ok(files.length > 100, `only ${files.length} files under ${SRC}`);
  const found = files.filter((f) => !OWNERS.includes(path.relative(SRC, f).split(path.sep).join("/")))
    .flatMap((f) => formatLiterals(fs.readFileSync(f, "utf8")).map((l) => `src/${path.relative(SRC, f)}:${l}`));
  assert.deepEqual(found, [], "take the name from runFormat (RUN_FILES, TRACE_FILES, TRACE_HEADERS, …), io/modelFiles or HISTORY_FIXED_COLUMNS");
});

test("gatesHeader, samplesHeader and predictionsHeader: the row keys, then the quantities; targetDate only with dates; a pair per regression output", () => {
  assert.equal(predictionsHeader("classification", 3), "index,actual,predicted");
  assert.equal(predictionsHeader("regression"), "index,actual,predicted");
  assert.equal(predictionsHeader("regression", 2), "index,actual_0,predicted_0,actual_1,predicted_1");
  assert.equal(gatesHeader(["i", "f", "cTilde", "o", "c", "h"]), "layer,sample,t,unit,i,f,cTilde,o,c,h");
  assert.equal(samplesHeader(false), "sample,index,class");
  assert.equal(samplesHeader(true), "sample,index,class,targetDate");
  assert.equal(TRACE_HEADERS.saturation.split(",").length, 5);
});

test("runContents lists what a folder holds now, in writing order, folders with a slash, run.json left out, a description replaced on request", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-contents-"));
  try {
    assert.deepEqual(runContents(dir), []);
    for (const f of [RUN_FILES.run, RUN_FILES.reportHtml, RUN_FILES.history, RUN_FILES.config]) fs.writeFileSync(path.join(dir, f), "");
    fs.mkdirSync(path.join(dir, RUN_FILES.checkpoint));
    assert.deepEqual(runContents(dir, { [RUN_FILES.history]: "2 epochs" }), [
      "config.json (the job's options)", "history.csv (2 epochs)", "checkpoint/ (state to resume from)", "report.html (the report)",
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
