import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findResultMarkers, formatResult, renderTemplate, type ResultMarker } from "../support/resultTemplate";

// Every study number in README.md and docs/ is written after a marker naming its results file
// (test/support/resultTemplate.ts). This test renders each marker from results/<study>.json and
// fails when the prose says something else; it also checks each results file's record of how it
// was made (date, versions, command, budget).
const root = path.resolve(__dirname, "../../..");

function markdownFiles(): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "api" ? [] : walk(path.join(dir, e.name))) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []);
  return [path.join(root, "README.md"), ...walk(path.join(root, "docs"))];
}

function allMarkers(): ResultMarker[] {
  return markdownFiles().flatMap((f) => findResultMarkers(path.relative(root, f), fs.readFileSync(f, "utf8")));
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

test("every study number in README.md and docs/ equals its results file", () => {
  const markers = allMarkers();
  const problems: string[] = [];
  const cache = new Map<string, unknown>();
  for (const m of markers) {
    const file = path.join(root, "results", `${m.study}.json`);
    if (!cache.has(m.study)) {
      if (!fs.existsSync(file)) { problems.push(`${m.file}:${m.line}: results/${m.study}.json does not exist`); continue; }
      cache.set(m.study, JSON.parse(fs.readFileSync(file, "utf8")));
    }
    try {
      const want = renderTemplate(m.template, cache.get(m.study), m.study);
      if (!m.following.startsWith(want)) problems.push(`${m.file}:${m.line}: says "${m.following.slice(0, want.length + 10)}", results/${m.study}.json gives "${want}"`);
    } catch (err) {
      problems.push(`${m.file}:${m.line}: ${(err as Error).message}`);
    }
  }
  assert.deepEqual(problems, [], problems.join("\n"));
});

test("every results file records when, with what and at what budget it was made", () => {
  const dir = path.join(root, "results");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
  for (const f of files) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>;
    for (const key of ["study", "date", "command", "versions", "budget"]) {
      assert.ok(key in r, `results/${f} has no "${key}"`);
    }
    assert.equal(r.study, f.replace(/\.json$/, ""), `results/${f}: "study" should be its file name`);
  }
});
