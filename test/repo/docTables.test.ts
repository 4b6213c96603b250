import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  GENERATED_PARTS, REGENERATE_COMMAND, generatedPartProblems, gruVsLstmPiecesInClause, gruVsLstmPiecesSection,
  replacePart, writeGeneratedParts,
} from "../support/docTables";
import { resultMarkerProblems } from "../support/resultTemplate";
import { tempFolder } from "../support/tempFolder";

// The generated parts of README.md and docs/ (test/support/docTables.ts): the 10^4 GRU-vs-LSTM
// pieces' section and the README clause on which pieces are in. The last tests check the committed
// files; the ones before show the generator and the check can fail, on made-up results.
const root = path.resolve(__dirname, "../../..");
const STUDY = "gru-vs-lstm-1e4/gru-vs-lstm";

/** A cell as the study writes it: the per-seed updates to solve (null: not solved), test error mean and sd. */
function cell(learningRate: number, updatesToSolve: (number | null)[], mean: number, sd: number): object {
  const solved = updatesToSolve.filter((u): u is number => u !== null).sort((a, b) => a - b);
  const median = solved.length === 0 ? null : solved.length % 2 ? solved[(solved.length - 1) / 2] : (solved[solved.length / 2 - 1] + solved[solved.length / 2]) / 2;
  return {
    learningRate, solved: solved.length, medianUpdatesToSolve: median, testError: { mean, sd, n: updatesToSolve.length },
    perSeed: updatesToSolve.map((u, i) => ({ seed: i + 1, solved: u !== null, updatesToSolve: u })),
  };
}

/** A made-up pieces file: adding at T 50 and 200 (listed in the file in the wrong order), recall at T 50. */
function piecesFile(): Record<string, unknown> {
  return {
    study: "gru-vs-lstm", date: "2026-12-07T10:00:00.000Z", command: "grulab study gru-vs-lstm --tasks recall --lengths 50",
    versions: { grulab: "0.1.0" }, stopWhenSolved: true, solvedFraction: 0.1,
    budget: {
      updatesPerTrial: 10000, updatesPerEpoch: 50, trials: 21, updatesSpent: 123456, trialSeconds: 4321.6,
      runs: [
        { date: "2026-12-07T09:00:00.000Z", command: "grulab study gru-vs-lstm --tasks adding --lengths 50,200" },
        { date: "2026-12-07T10:00:00.000Z", command: 'grulab study gru-vs-lstm --tasks recall --lengths 50 --keep-from "<x>"' },
      ],
    },
    tasks: {
      recall: {
        baseline: { error: 0.875 },
        lengths: { T50: { lstm: cell(0.003, [null, null, null], 0.8751, 0.01), gru: cell(0.01, [850, 600, 900], 0, 0) } },
      },
      adding: {
        baseline: { error: 1 / 6 },
        lengths: {
          T200: { gru: cell(0.01, [400, 450, null], 0.05, 0.04) },
          T50: { "lstm-chrono": cell(0.01, [350, 300, 400], 0.01274, 0.0028), gru: cell(0.001, [250, 250, 300], 0.0098, 0.0063) },
        },
      },
    },
  };
}

/** The budget file's plan of the 10^4 pieces: adding and recall at T 50, 100, 200 and 400. */
const PLAN = { budgets: { updates10000: { pieces: ["adding", "recall"].flatMap((task) => [50, 100, 200, 400].map((length) => ({ task, length }))) } } };

/** A pieces file with `done` (task → lengths) in it, for the README clause. */
const withPieces = (done: Record<string, number[]>) => ({
  tasks: Object.fromEntries(Object.entries(done).map(([task, lengths]) => [task, { lengths: Object.fromEntries(lengths.map((T) => [`T${T}`, {}])) }])),
});

test("the 10^4 section: tasks, lengths (by number) and variants in table order, '—' for a cell that never solved, every number behind a marker the docs check accepts", (t) => {
  const results = piecesFile();
  const section = gruVsLstmPiecesSection(results);
  const lines = section.split("\n");
  const m = (template: string) => `<!--result ${STUDY} "${template}"-->`;
  assert.equal(lines[1], `## Results at ${m("{budget.updatesPerTrial:int}")}10,000 updates per trial (in pieces, \`--stop-when-solved\`)`);
  assert.ok(lines.includes(`of them). In all ${m("{budget.trials:int}")}21 trials, ${m("{budget.updatesSpent:int}")}123,456 updates, ${m("{budget.trialSeconds:int}")}4,322 trial-seconds. The pieces:`));
  assert.ok(lines.includes(`- ${m("{budget.runs.1.date:raw}")}2026-12-07T10:00:00.000Z: \`${m("{budget.runs.1.command:raw}")}grulab study gru-vs-lstm --tasks recall --lengths 50 --keep-from "<x>"\``));
  const rows = lines.filter((l) => /^\| (adding|recall) \|/.test(l));
  assert.deepEqual(rows.map((l) => l.split(" | ").slice(0, 3).join(" | ")), [
    "| adding | 50 | GRU", "| adding | 50 | LSTM, chrono", "| adding | 200 | GRU", "| recall | 50 | GRU", "| recall | 50 | LSTM"]);
  const p = "tasks.recall.lengths.T50.lstm";
  assert.equal(rows[4], `| recall | 50 | LSTM | ${m(`{${p}.learningRate:raw}`)}0.003 | ${m(`{${p}.solved:int}`)}0 of 3 | — | ${m(`{${p}.testError.mean:f4} ± {${p}.testError.sd:f4}`)}0.8751 ± 0.0100 |`);
  assert.match(rows[1], /-->3 of 3 \| <!--result gru-vs-lstm-1e4\/gru-vs-lstm "\{tasks\.adding\.lengths\.T50\.lstm-chrono\.medianUpdatesToSolve:int\}"-->350 \| .*-->0\.0127 ± 0\.0028 \|$/);
  assert.match(rows[2], /-->2 of 3 \| .*-->425 \|/);
  assert.equal(lines.at(-3), "Test error: adding, the MSE (predicting 1 always scores 1/6); recall, the error rate (chance: 0.875).");
  assert.equal(lines.at(-2), "Solved: a validation error below a tenth of that trivial baseline's, at a validation score (every 50 updates).");
  assert.ok(section.startsWith("\n## Results") && section.endsWith("(every 50 updates).\n"));

  // The docs check (resultsInDocs) renders every marker of the section as the generator did.
  const dir = tempFolder(t, "doc-tables-markers");
  fs.mkdirSync(path.join(dir, "results", "gru-vs-lstm-1e4"), { recursive: true });
  fs.writeFileSync(path.join(dir, "results", "gru-vs-lstm-1e4", "gru-vs-lstm.json"), JSON.stringify(results));
  fs.writeFileSync(path.join(dir, "a.md"), section);
  assert.equal((section.match(/<!--result /g) ?? []).length, 3 + 2 * 2 + 5 * 3 + 4 + 1);
  assert.deepEqual(resultMarkerProblems(dir, ["a.md"]), []);
});

test("the 10^4 section: a diverged trial has no test error; its cell says how many diverged and a note says what that means", (t) => {
  const results = piecesFile();
  const tasks = results.tasks as Record<string, { lengths: Record<string, Record<string, Record<string, unknown>>> }>;
  const gru = tasks.adding.lengths.T200.gru;
  gru.diverged = 1;
  gru.testError = { mean: 0.05, sd: 0.04, n: 2 };
  const lstm = tasks.recall.lengths.T50.lstm;
  lstm.diverged = 3;
  lstm.testError = { mean: null, sd: null, n: 0 };
  const section = gruVsLstmPiecesSection(results);
  const rows = section.split("\n").filter((l) => /^\| (adding|recall) \|/.test(l));
  const p = "tasks.adding.lengths.T200.gru";
  assert.ok(rows[2].endsWith(`-->0.0500 ± 0.0400 (<!--result ${STUDY} "{${p}.testError.n:int}"-->2 of 3; <!--result ${STUDY} "{${p}.diverged:int}"-->1 diverged) |`), rows[2]);
  assert.ok(rows[4].endsWith("| — | — (3 diverged) |"), rows[4]);
  assert.ok(section.includes("Diverged (adding at T 200, GRU; recall at T 50, LSTM): the trial's weights became NaN or infinite"));
  const dir = tempFolder(t, "doc-tables-diverged");
  fs.mkdirSync(path.join(dir, "results", "gru-vs-lstm-1e4"), { recursive: true });
  fs.writeFileSync(path.join(dir, "results", "gru-vs-lstm-1e4", "gru-vs-lstm.json"), JSON.stringify(results));
  fs.writeFileSync(path.join(dir, "a.md"), section);
  assert.deepEqual(resultMarkerProblems(dir, ["a.md"]), []);
});

test("the 10^4 section refuses what it cannot state truthfully: an unknown variant or task, a solved cell without a median, another budget", () => {
  const edit = (change: (r: any) => void) => { const r = piecesFile(); change(r); return () => gruVsLstmPiecesSection(r); };
  assert.throws(edit((r) => { r.tasks.adding.lengths.T50["gru-peephole"] = r.tasks.adding.lengths.T50.gru; }),
    /tasks\.adding\.lengths\.T50: variant "gru-peephole" has no label .* add it to VARIANTS in test\/support\/docTables\.ts/);
  assert.throws(edit((r) => { r.tasks.copy = r.tasks.adding; }), /task "copy" has no place in the generated table/);
  assert.throws(edit((r) => { r.tasks.adding.lengths.T50.gru.medianUpdatesToSolve = null; }), /tasks\.adding\.lengths\.T50\.gru: solved 3 but medianUpdatesToSolve null/);
  assert.throws(edit((r) => { r.budget.updatesPerTrial = 600; }), /budget\.updatesPerTrial is 600; the section's prose is about 10⁴ updates/);
  assert.throws(edit((r) => { r.stopWhenSolved = false; }), /stopWhenSolved is false/);
  assert.throws(edit((r) => { r.solvedFraction = 0.05; }), /solvedFraction is 0\.05; the section's prose says "a tenth"/);
  assert.throws(edit((r) => { r.tasks.adding.baseline.error = 0.2; }), /tasks\.adding\.baseline\.error is 0\.2; the section's prose says 1\/6/);
  assert.throws(edit((r) => { delete r.tasks.adding.lengths.T50.gru.learningRate; }), /has no "tasks\.adding\.lengths\.T50\.gru\.learningRate"/);
});

test("the README clause names the pieces in and the pieces still to run, from the results file and the plan", () => {
  const where = "`results/gru-vs-lstm-1e4/`";
  assert.equal(gruVsLstmPiecesInClause(withPieces({ adding: [50, 100], recall: [100, 50] }), PLAN),
    `the pieces run so far are in ${where} (the adding problem and delayed recall at T 50 and 100), T 200 and 400 are still to run`);
  assert.equal(gruVsLstmPiecesInClause(withPieces({ adding: [50, 100, 200], recall: [50, 100] }), PLAN),
    `the pieces run so far are in ${where} (the adding problem at T 50, 100 and 200; delayed recall at T 50 and 100), the adding problem at T 400 and delayed recall at T 200 and 400 are still to run`);
  assert.equal(gruVsLstmPiecesInClause(withPieces({ adding: [50, 100, 200, 400], recall: [50, 100, 200] }), PLAN),
    `the pieces run so far are in ${where} (the adding problem at T 50, 100, 200 and 400; delayed recall at T 50, 100 and 200), delayed recall at T 400 is still to run`);
  assert.equal(gruVsLstmPiecesInClause(withPieces({ recall: [50, 100, 200, 400], adding: [400, 200, 100, 50] }), PLAN),
    `all the planned pieces are in ${where} (the adding problem and delayed recall at T 50, 100, 200 and 400)`);
  assert.equal(gruVsLstmPiecesInClause(withPieces({ adding: [50] }), PLAN),
    `the pieces run so far are in ${where} (the adding problem at T 50), the adding problem at T 100, 200 and 400 and delayed recall at T 50, 100, 200 and 400 are still to run`);
  assert.throws(() => gruVsLstmPiecesInClause(withPieces({ adding: [50, 800] }), PLAN), /has adding at T 800, which results\/gru-vs-lstm-budget\.json does not plan/);
});

test("the check names the file, the first differing line and the command; the rewrite fixes it through a rename and touches nothing else", (t) => {
  const dir = tempFolder(t, "doc-tables");
  const [part] = GENERATED_PARTS;
  const resultsFile = path.join(dir, part.results[0]);
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify(piecesFile()));
  const before = "# Title\n\nSome prose with a number <!--result x \"{a:int}\"-->7 that is not ours.\n\n";
  const after = "\n\n## Next section\n";
  const generated = before + part.begin + gruVsLstmPiecesSection(piecesFile()) + part.end + after;
  fs.mkdirSync(path.join(dir, "docs"));
  const doc = path.join(dir, part.file);
  fs.writeFileSync(doc, generated);
  assert.deepEqual(generatedPartProblems(dir, [part]), []);

  // One number typed by hand (the T 200 row's median): the check names its line.
  const stale = generated.replace("-->425 |", "-->450 |");
  assert.notEqual(stale, generated);
  fs.writeFileSync(doc, stale);
  const line = stale.split("\n").findIndex((l) => l.includes("-->450 |")) + 1;
  const [problem, ...more] = generatedPartProblems(dir, [part]);
  assert.deepEqual(more, []);
  assert.ok(problem.startsWith(`${part.file}:${line}: the committed line reads "…`), problem);
  assert.match(problem, /-->450 \|.*", results\/gru-vs-lstm-1e4\/gru-vs-lstm\.json generates "….*-->425 \|/);
  assert.ok(problem.endsWith(`; regenerate with \`${REGENERATE_COMMAND}\``), problem);
  assert.equal(REGENERATE_COMMAND, "npm run docs:tables");

  // A row the results file no longer has (a hand-added line) is named too.
  fs.writeFileSync(doc, generated.replace("\n\nTest error:", "\n| recall | 400 | GRU | 0.01 | 5 of 5 | 300 | 0.0000 ± 0.0000 |\n\nTest error:"));
  assert.match(generatedPartProblems(dir, [part])[0], /^docs\/studies-gru-vs-lstm\.md:\d+: the committed line reads "\| recall \| 400 \| GRU/);

  fs.writeFileSync(doc, stale);
  assert.deepEqual(writeGeneratedParts(dir, [part]), [`${part.file}: regenerated from ${part.results[0]}, from line ${line} on`]);
  assert.equal(fs.readFileSync(doc, "utf8"), generated);
  assert.deepEqual(fs.readdirSync(path.dirname(doc)), [path.basename(doc)], "no temporary file left");
  assert.deepEqual(writeGeneratedParts(dir, [part]), [`${part.file}: unchanged`]);
  assert.deepEqual(generatedPartProblems(dir, [part]), []);

  // Comments missing or repeated: an error naming the file, and nothing written.
  fs.writeFileSync(doc, before + part.begin + "\nold\n" + after);
  assert.deepEqual(generatedPartProblems(dir, [part]), [`${part.file} has no ${part.end}`]);
  assert.throws(() => writeGeneratedParts(dir, [part]), { message: `${part.file} has no ${part.end}` });
  assert.equal(fs.readFileSync(doc, "utf8"), before + part.begin + "\nold\n" + after);
  assert.throws(() => replacePart(`${part.begin}${part.end}${part.begin}`, part, "x"), /has <!-- the 10\^4 pieces: .* more than once/);
});

test("the README clause is inline: the check and the rewrite keep the paragraph around it", (t) => {
  const dir = tempFolder(t, "doc-tables-readme");
  const part = GENERATED_PARTS.find((p) => p.file === "README.md")!;
  for (const [rel, content] of [[part.results[0], withPieces({ adding: [50], recall: [50] })], [part.results[1], PLAN]] as const) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), JSON.stringify(content));
  }
  fs.writeFileSync(path.join(dir, "README.md"), `Intro.\n\nBudget; ${part.begin}the first piece is in${part.end}.\nMore.\n`);
  assert.match(generatedPartProblems(dir, [part])[0], /^README\.md:3: the committed line reads "….*the first piece is in.*", results\/gru-vs-lstm-1e4\/gru-vs-lstm\.json and results\/gru-vs-lstm-budget\.json generate ".*the pieces run so far/);
  writeGeneratedParts(dir, [part]);
  assert.equal(fs.readFileSync(path.join(dir, "README.md"), "utf8"),
    `Intro.\n\nBudget; ${part.begin}the pieces run so far are in \`results/gru-vs-lstm-1e4/\` (the adding problem and delayed recall at T 50), T 100, 200 and 400 are still to run${part.end}.\nMore.\n`);
});

test("every generated part of README.md and docs/ is what its results files generate (else run `npm run docs:tables`)", () => {
  const problems = generatedPartProblems(root);
  assert.deepEqual(problems, [], problems.join("\n"));
  assert.deepEqual(GENERATED_PARTS.map((p) => p.file), ["docs/studies-gru-vs-lstm.md", "README.md"]);
});

test("`npm run docs:tables` compiles the generator alone and runs it; `--check` exits 0 on the committed files", () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  assert.equal(scripts["docs:tables"], "tsc -p test/support/docTables.tsconfig.json && node dist/test/support/docTables.js");
  const config = JSON.parse(fs.readFileSync(path.join(root, "test/support/docTables.tsconfig.json"), "utf8")) as { files: string[] };
  assert.deepEqual(config.files, ["docTables.ts"]);
  const r = spawnSync(process.execPath, [path.join(root, "dist/test/support/docTables.js"), "--check"], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${GENERATED_PARTS.length} generated parts agree with their results files\n`);
});
