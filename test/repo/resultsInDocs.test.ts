import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findResultMarkers, formatResult, renderTemplate, resultMarkerProblems, resultsRecordProblems } from "../support/resultTemplate";
import { tempFolder } from "../support/tempFolder";

// Every study number in README.md and docs/ is written after a marker naming its results file
// (test/support/resultTemplate.ts): results/<study>.json, or a file in one subfolder of results/
// (results/gru-vs-lstm-1e4/gru-vs-lstm.json, marker study "gru-vs-lstm-1e4/gru-vs-lstm"). This test
// renders each marker from its file and fails when the prose says something else; it also checks
// each results file's record of how it was made (date, versions, command, budget).
const root = path.resolve(__dirname, "../../..");

/** README.md and every Markdown file under docs/ but docs/api/, relative to the project. */
function markdownFiles(base: string): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "api" ? [] : walk(path.join(dir, e.name))) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []);
  const docs = path.join(base, "docs");
  return [path.join(base, "README.md"), ...(fs.existsSync(docs) ? walk(docs) : [])].map((f) => path.relative(base, f));
}

/** A results file as studyResultsHeader starts it, then `extra`. */
const header = (study: string, extra: object) => ({ study, date: "2026-12-07T08:00:00.000Z", command: "grulab study x", versions: { grulab: "0.1.0" }, budget: { seconds: 1 }, ...extra });

/** Writes `files` (path relative to dir → text, or an object written as JSON) under dir. */
function writeTree(dir: string, files: Record<string, string | object>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === "string" ? content : JSON.stringify(content));
  }
}

test("the template renderer formats and fails as the docs need (so the check below can fail)", () => {
  const results = { gru: { accuracy: { mean: 0.66812, sd: 0.0091 } }, p: 0.0004, q: 0.4321 };
  assert.equal(renderTemplate("{gru.accuracy.mean:pct1} ± {gru.accuracy.sd:pct1} %", results, "x"), "66.8 ± 0.9 %");
  assert.equal(renderTemplate("p {p:p}, {q:p}", results, "x"), "p < 0.001, 0.43");
  assert.throws(() => renderTemplate("{gru.loss:f2}", results, "x"), /results\/x.json has no "gru.loss" \(no "loss"\)/);
  assert.throws(() => formatResult("a", "f2", "here"), /here: "a" is not a finite number/);
  const [m] = findResultMarkers("a.md", 'GRU <!--result x "{gru.accuracy.mean:pct1} %"-->66.9 % on the test days\n');
  assert.notEqual(m.following.slice(0, renderTemplate(m.template, results, "x").length), renderTemplate(m.template, results, "x"));
});

test("a marker may name a results file in one subfolder of results/, and nothing else", () => {
  const [m] = findResultMarkers("a.md", 'x\nbudget <!--result gru-vs-lstm-1e4/gru-vs-lstm "{budget.updatesPerTrial:int}"-->10,000 updates\n');
  assert.deepEqual(m, { file: "a.md", line: 2, study: "gru-vs-lstm-1e4/gru-vs-lstm", template: "{budget.updatesPerTrial:int}", following: "10,000 updates" });
  for (const bad of ["../charlm", "gru-vs-lstm-1e4/../charlm", "a/b/c", "/etc/passwd", "charlm.json", "Charlm", "a/", "a//b", "sub/./x"]) {
    assert.throws(() => findResultMarkers("docs/b.md", `one\ntwo\nsays <!--result ${bad} "{a:int}"-->1\n`),
      { message: `docs/b.md:3: result marker study "${bad}" is not a results file: expected [a-z0-9-]+ or one subfolder of results/, [a-z0-9-]+/[a-z0-9-]+ (no "..", no ".json")` }, bad);
  }
  // A "<!--result" that is not a whole marker is refused, not skipped (it would leave its number unchecked).
  assert.throws(() => findResultMarkers("c.md", 'a\n<!--result tutorial {gru.accuracy.mean:pct1}-->66.8\n'), /^Error: c\.md:2: a result marker reads <!--result STUDY "TEMPLATE"-->, not "<!--result tutorial \{gru/);
  assert.throws(() => findResultMarkers("c.md", '<!--result  tutorial "{a:int}"-->1'), /^Error: c\.md:1: a result marker reads/);
});

test("the docs check reads a subfolder's results file, and names the doc file and line when a file is missing or a number differs", (t) => {
  const dir = tempFolder(t, "result-markers");
  writeTree(dir, {
    "results/gru-vs-lstm.json": header("gru-vs-lstm", { budget: { updatesPerTrial: 600 } }),
    "results/gru-vs-lstm-1e4/gru-vs-lstm.json": header("gru-vs-lstm", { budget: { updatesPerTrial: 10000 } }),
    "README.md": 'top level <!--result gru-vs-lstm "{budget.updatesPerTrial:int}"-->600 updates\n',
    "docs/a.md": 'pieces\n<!--result gru-vs-lstm-1e4/gru-vs-lstm "{budget.updatesPerTrial:int}"-->10,000 updates per trial\n',
  });
  assert.deepEqual(markdownFiles(dir), ["README.md", path.join("docs", "a.md")]);
  assert.deepEqual(resultMarkerProblems(dir, markdownFiles(dir)), []);
  assert.deepEqual(resultsRecordProblems(dir), []);

  // The subfolder's number, not the top-level file's, is the one checked.
  writeTree(dir, { "docs/a.md": 'pieces\n<!--result gru-vs-lstm-1e4/gru-vs-lstm "{budget.updatesPerTrial:int}"-->600 updates per trial\n' });
  assert.deepEqual(resultMarkerProblems(dir, markdownFiles(dir)),
    ['docs/a.md:2: says "600 updates per ", results/gru-vs-lstm-1e4/gru-vs-lstm.json gives "10,000"']);

  writeTree(dir, { "docs/a.md": 'pieces\n\n<!--result charlm-record/charlm "{budget.trials:int}"-->18 trials and <!--result gru-vs-lstm-1e4/gru-vs-lstm "{budget.updatesPerTrial:int}"-->10,000\n' });
  assert.deepEqual(resultMarkerProblems(dir, markdownFiles(dir)), ["docs/a.md:3: results/charlm-record/charlm.json does not exist"]);

  writeTree(dir, { "docs/a.md": 'ok <!--result gru-vs-lstm-1e4/gru-vs-lstm "{budget.updatesPerTrial:int}"-->10,000\nbad <!--result ../gru-vs-lstm "{budget.updatesPerTrial:int}"-->600\n' });
  assert.deepEqual(resultMarkerProblems(dir, markdownFiles(dir)),
    ['docs/a.md:2: result marker study "../gru-vs-lstm" is not a results file: expected [a-z0-9-]+ or one subfolder of results/, [a-z0-9-]+/[a-z0-9-]+ (no "..", no ".json")']);
});

test("a results file in a subfolder must record how it was made, as a top-level one must", (t) => {
  const dir = tempFolder(t, "result-records");
  const { command: _command, ...noCommand } = header("charlm", {});
  writeTree(dir, {
    "results/tutorial.json": header("tutorial", {}),
    "results/charlm-record/charlm.json": noCommand,
    "results/gru-vs-lstm-1e4/gru-vs-lstm.json": header("gru-vs-lstm-1e4", {}),
    "results/gru-vs-lstm-1e4/figures/figure.svg": "<svg/>",
  });
  assert.deepEqual(resultsRecordProblems(dir), [
    'results/charlm-record/charlm.json has no "command"',
    'results/gru-vs-lstm-1e4/gru-vs-lstm.json: "study" should be its file name, "gru-vs-lstm", not "gru-vs-lstm-1e4"',
  ]);
  writeTree(dir, { "results/tutorial.json": header("forecast", {}) });
  assert.ok(resultsRecordProblems(dir).includes('results/tutorial.json: "study" should be its file name, "tutorial", not "forecast"'));
});

test("every study number in README.md and docs/ equals its results file", () => {
  const problems = resultMarkerProblems(root, markdownFiles(root));
  assert.deepEqual(problems, [], problems.join("\n"));
});

test("every results file (results/*.json, results/<folder>/*.json) records when, with what and at what budget it was made", () => {
  const problems = resultsRecordProblems(root);
  assert.deepEqual(problems, [], problems.join("\n"));
});
