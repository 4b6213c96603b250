// The parts of README.md and docs/ that are generated from a results file, and their generator.
//
// A generated part sits between two HTML comments (invisible in rendered Markdown), e.g.
//
//   <!-- the 10^4 pieces: generated from results/gru-vs-lstm-1e4/gru-vs-lstm.json -->
//   ## Results at …  (the table, every number behind a <!--result …--> marker)
//   <!-- end of the 10^4 pieces -->
//
// `npm run docs:tables` (node dist/test/support/docTables.js) rewrites every such part from its
// results files in place (a temporary file, then a rename); `--check` only says which differ.
// test/repo/docTables.test.ts fails, naming the file and its first differing line, when a committed
// part is not what its results files generate. The numbers inside keep their result markers, so
// test/repo/resultsInDocs.test.ts checks them too (and the markers are rendered by its own
// renderTemplate, so the two checks cannot disagree).
//
// Repository tooling, not public API: nothing under src/ imports this file.
import * as fs from "node:fs";
import * as path from "node:path";
import { renderTemplate } from "./resultTemplate";

/** The command that regenerates every generated part (named in every difference reported). */
export const REGENERATE_COMMAND = "npm run docs:tables";

/** One generated part of a Markdown file. */
export interface GeneratedPart {
  /** The Markdown file, relative to the project. */
  file: string;
  /** The comment the part starts after (it names the results files it is generated from). */
  begin: string;
  /** The comment the part ends before. */
  end: string;
  /** The results files it reads, relative to the project. */
  results: string[];
  /** The text between `begin` and `end`, from the parsed results files (in the order of `results`). */
  render(results: unknown[]): string;
}

type Json = Record<string, unknown>;

/** `value` as an object, or an error naming `what`. */
function obj(value: unknown, what: string): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Json;
}

/** `value` as an array, or an error naming `what`. */
function arr(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not an array`);
  return value;
}

/** A result marker and the text it renders: `<!--result study "template"-->rendered`. */
export function marked(study: string, results: unknown, template: string): string {
  return `<!--result ${study} "${template}"-->${renderTemplate(template, results, study)}`;
}

/** "50", "50 and 100", "50, 100 and 200". */
export function listed(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// GRU vs LSTM at 10^4 updates, in pieces (results/gru-vs-lstm-1e4/gru-vs-lstm.json)

/** The tasks, in the order the table lists them, and how prose names them. */
const TASKS: Record<string, { prose: string }> = {
  adding: { prose: "the adding problem" },
  recall: { prose: "delayed recall" },
};

/** The variants (cells, then ablations), in the order the table lists them, and their labels. */
const VARIANTS: Record<string, string> = {
  gru: "GRU",
  lstm: "LSTM",
  simpleRnn: "SimpleRNN",
  "gru-reset-before": "GRU, reset before",
  "gru-chrono": "GRU, chrono",
  "lstm-forget-bias-0": "LSTM, forget bias 0",
  "lstm-chrono": "LSTM, chrono",
};

/** The task names of a results file's `tasks`, in table order; an unknown task is an error (it would be left out). */
function taskNames(tasks: Json, file: string): string[] {
  const unknown = Object.keys(tasks).filter((t) => !(t in TASKS));
  if (unknown.length) throw new Error(`${file}: task ${JSON.stringify(unknown[0])} has no place in the generated table (known: ${Object.keys(TASKS).join(", ")}); add it to TASKS in test/support/docTables.ts`);
  return Object.keys(TASKS).filter((t) => t in tasks);
}

/** The lengths of one task (keys "T50", "T100", …) in increasing order, as numbers. */
function lengthsOf(task: Json, where: string): number[] {
  const lengths = obj(task.lengths, `${where}.lengths`);
  return Object.keys(lengths).map((k) => {
    const m = /^T(\d+)$/.exec(k);
    if (!m) throw new Error(`${where}.lengths has a key ${JSON.stringify(k)}, not T<length>`);
    return Number(m[1]);
  }).sort((a, b) => a - b);
}

/**
 * The 10^4 pieces' section of docs/studies-gru-vs-lstm.md: the heading (updates per trial), the
 * budget spent, the pieces run (date and command), and one table row per task, length and variant
 * (learning rate, seeds solved, median updates to solve, test error mean ± sd), every number from
 * the results file behind a marker.
 */
export function gruVsLstmPiecesSection(results: unknown, study = "gru-vs-lstm-1e4/gru-vs-lstm"): string {
  const file = `results/${study}.json`;
  const r = obj(results, file);
  const budget = obj(r.budget, `${file} budget`);
  const m = (template: string) => marked(study, r, template);
  if (budget.updatesPerTrial !== 10000) throw new Error(`${file}: budget.updatesPerTrial is ${JSON.stringify(budget.updatesPerTrial)}; the section's prose is about 10⁴ updates`);
  if (r.stopWhenSolved !== true) throw new Error(`${file}: stopWhenSolved is ${JSON.stringify(r.stopWhenSolved)}; the section's prose says each trial stops at its first solved score`);
  if (r.solvedFraction !== 0.1) throw new Error(`${file}: solvedFraction is ${JSON.stringify(r.solvedFraction)}; the section's prose says "a tenth"`);

  const out: string[] = [];
  out.push(`## Results at ${m("{budget.updatesPerTrial:int}")} updates per trial (in pieces, \`--stop-when-solved\`)`, "");
  out.push(
    "The pieces of the 10⁴ study run so far, chained in `results/gru-vs-lstm-1e4/gru-vs-lstm.json` (figures in",
    "`results/gru-vs-lstm-1e4/figures/`); each trial stops at its first solved validation score, so a solved",
    "trial's test error is the error at that stop, not after 10⁴ updates (a trial that never solved ran all",
    `of them). In all ${m("{budget.trials:int}")} trials, ${m("{budget.updatesSpent:int}")} updates, ${m("{budget.trialSeconds:int}")} trial-seconds. The pieces:`,
    "");
  const runs = arr(budget.runs, `${file} budget.runs`);
  runs.forEach((_, i) => out.push(`- ${m(`{budget.runs.${i}.date:raw}`)}: \`${m(`{budget.runs.${i}.command:raw}`)}\``));
  out.push("");

  out.push("| task | T | variant | learning rate | solved | median updates to solve | test error at the stop (mean ± sd) |",
    "|---|---|---|---|---|---|---|");
  const tasks = obj(r.tasks, `${file} tasks`);
  const names = taskNames(tasks, file);
  const divergedRows: string[] = [];
  for (const task of names) {
    const where = `${file} tasks.${task}`;
    const lengths = obj(obj(tasks[task], where).lengths, `${where}.lengths`);
    for (const T of lengthsOf(obj(tasks[task], where), where)) {
      const cells = obj(lengths[`T${T}`], `${where}.lengths.T${T}`);
      const unknown = Object.keys(cells).filter((v) => !(v in VARIANTS));
      if (unknown.length) throw new Error(`${where}.lengths.T${T}: variant ${JSON.stringify(unknown[0])} has no label (known: ${Object.keys(VARIANTS).join(", ")}); add it to VARIANTS in test/support/docTables.ts`);
      for (const variant of Object.keys(VARIANTS).filter((v) => v in cells)) {
        const p = `tasks.${task}.lengths.T${T}.${variant}`;
        const cell = obj(cells[variant], `${file} ${p}`);
        const seeds = arr(cell.perSeed, `${file} ${p}.perSeed`).length;
        const solved = cell.solved;
        if (typeof solved !== "number") throw new Error(`${file} ${p}.solved is not a number`);
        if ((solved > 0) !== (cell.medianUpdatesToSolve !== null)) {
          throw new Error(`${file} ${p}: solved ${solved} but medianUpdatesToSolve ${JSON.stringify(cell.medianUpdatesToSolve)}`);
        }
        const median = solved > 0 ? m(`{${p}.medianUpdatesToSolve:int}`) : "—";
        // A diverged trial (weights NaN or infinite) has no test error; results before the field existed have none.
        const diverged = typeof cell.diverged === "number" ? cell.diverged : 0;
        if (diverged > 0) divergedRows.push(`${task} at T ${T}, ${VARIANTS[variant]}`);
        const testError = diverged === seeds ? `— (${diverged} diverged)`
          : `${m(`{${p}.testError.mean:f4} ± {${p}.testError.sd:f4}`)}${diverged > 0 ? ` (${m(`{${p}.testError.n:int}`)} of ${seeds}; ${m(`{${p}.diverged:int}`)} diverged)` : ""}`;
        out.push(`| ${task} | ${T} | ${VARIANTS[variant]} | ${m(`{${p}.learningRate:raw}`)} | ${m(`{${p}.solved:int}`)} of ${seeds} | ${median} | ${testError} |`);
      }
    }
  }
  out.push("");

  const errors = names.map((task) => {
    const baseline = obj(obj(tasks[task], `${file} tasks.${task}`).baseline, `${file} tasks.${task}.baseline`);
    if (task === "adding") {
      if (typeof baseline.error !== "number" || Math.abs(baseline.error - 1 / 6) > 1e-12) throw new Error(`${file} tasks.adding.baseline.error is ${JSON.stringify(baseline.error)}; the section's prose says 1/6`);
      return "adding, the MSE (predicting 1 always scores 1/6)";
    }
    return `recall, the error rate (chance: ${String(baseline.error)})`;
  });
  out.push(`Test error: ${errors.join("; ")}.`);
  out.push(`Solved: a validation error below a tenth of that trivial baseline's, at a validation score (every ${String(budget.updatesPerEpoch)} updates).`);
  if (divergedRows.length > 0) {
    out.push(`Diverged (${divergedRows.join("; ")}): the trial's weights became NaN or infinite before it solved; it counts as not solved and has no test error (the mean ± sd is over the others).`);
  }
  return `\n${out.join("\n")}\n`;
}

/**
 * The README's clause on which 10^4 pieces are in: the pieces (task and length) of the results
 * file against the plan (gru-vs-lstm-budget.json's budgets.updates10000.pieces), e.g. "the pieces
 * run so far are in `results/gru-vs-lstm-1e4/` (the adding problem and delayed recall at T 50 and
 * 100), T 200 and 400 are still to run". A piece in the file but not in the plan is an error.
 */
export function gruVsLstmPiecesInClause(results: unknown, plan: unknown, study = "gru-vs-lstm-1e4/gru-vs-lstm", planStudy = "gru-vs-lstm-budget"): string {
  const file = `results/${study}.json`;
  const tasks = obj(obj(results, file).tasks, `${file} tasks`);
  const done = new Map(taskNames(tasks, file).map((t) => [t, lengthsOf(obj(tasks[t], `${file} tasks.${t}`), `${file} tasks.${t}`)]));
  const planned = new Map<string, number[]>();
  arr(obj(obj(obj(plan, `results/${planStudy}.json`).budgets, "budgets").updates10000, "budgets.updates10000").pieces, `results/${planStudy}.json budgets.updates10000.pieces`).forEach((piece, i) => {
    const { task, length } = obj(piece, `results/${planStudy}.json budgets.updates10000.pieces.${i}`);
    if (typeof task !== "string" || !(task in TASKS) || typeof length !== "number") throw new Error(`results/${planStudy}.json budgets.updates10000.pieces.${i} is not a known task and a length: ${JSON.stringify(piece)}`);
    planned.set(task, [...(planned.get(task) ?? []), length].sort((a, b) => a - b));
  });
  for (const [task, lengths] of done) {
    const extra = lengths.filter((T) => !(planned.get(task) ?? []).includes(T));
    if (extra.length) throw new Error(`${file} has ${task} at T ${listed(extra.map(String))}, which results/${planStudy}.json does not plan`);
  }
  const missing = new Map([...planned].map(([task, lengths]) => [task, lengths.filter((T) => !(done.get(task) ?? []).includes(T))] as [string, number[]]).filter(([, ls]) => ls.length > 0));
  /** "the adding problem and delayed recall at T 50 and 100" when every task has the same lengths, else "the adding problem at T 50, 100 and 200; delayed recall at T 50". */
  const describe = (groups: Map<string, number[]>, separator: string): string => {
    const entries = [...groups].sort(([a], [b]) => Object.keys(TASKS).indexOf(a) - Object.keys(TASKS).indexOf(b));
    const same = entries.every(([, ls]) => ls.join() === entries[0][1].join());
    const at = (ls: number[]) => `T ${listed(ls.map(String))}`;
    return same
      ? `${listed(entries.map(([t]) => TASKS[t].prose))} at ${at(entries[0][1])}`
      : entries.map(([t, ls]) => `${TASKS[t].prose} at ${at(ls)}`).join(separator);
  };
  const where = `\`results/${path.dirname(study)}/\``;
  if (done.size === 0) return `no piece is in ${where} yet`;
  if (missing.size === 0) return `all the planned pieces are in ${where} (${describe(done, "; ")})`;
  const count = [...missing.values()].reduce((n, ls) => n + ls.length, 0);
  const missingSame = [...missing.values()].every((ls) => ls.join() === [...missing.values()][0].join()) && missing.size === planned.size;
  const left = missingSame ? `T ${listed([...missing.values()][0].map(String))}` : describe(missing, " and ");
  return `the pieces run so far are in ${where} (${describe(done, "; ")}), ${left} ${count === 1 ? "is" : "are"} still to run`;
}

// ---------------------------------------------------------------------------------------------
// Every generated part, and how to check and rewrite them

/** The generated parts of README.md and docs/. */
export const GENERATED_PARTS: GeneratedPart[] = [
  {
    file: "docs/studies-gru-vs-lstm.md",
    begin: "<!-- the 10^4 pieces: generated from results/gru-vs-lstm-1e4/gru-vs-lstm.json -->",
    end: "<!-- end of the 10^4 pieces -->",
    results: ["results/gru-vs-lstm-1e4/gru-vs-lstm.json"],
    render: ([pieces]) => gruVsLstmPiecesSection(pieces),
  },
  {
    file: "README.md",
    begin: "<!-- the 10^4 pieces in: generated from results/gru-vs-lstm-1e4/gru-vs-lstm.json and results/gru-vs-lstm-budget.json -->",
    end: "<!-- end of the 10^4 pieces in -->",
    results: ["results/gru-vs-lstm-1e4/gru-vs-lstm.json", "results/gru-vs-lstm-budget.json"],
    render: ([pieces, plan]) => gruVsLstmPiecesInClause(pieces, plan),
  },
];

/** The offsets of a part's text (after `begin`, before `end`) in `text`; an error names the file when a comment is missing or repeated. */
export function partBounds(text: string, part: Pick<GeneratedPart, "file" | "begin" | "end">): { from: number; to: number } {
  for (const comment of [part.begin, part.end]) {
    const at = text.indexOf(comment);
    if (at < 0) throw new Error(`${part.file} has no ${comment}`);
    if (text.indexOf(comment, at + 1) >= 0) throw new Error(`${part.file} has ${comment} more than once`);
  }
  const from = text.indexOf(part.begin) + part.begin.length;
  const to = text.indexOf(part.end);
  if (to < from) throw new Error(`${part.file}: ${part.end} comes before ${part.begin}`);
  return { from, to };
}

/** `text` with the part between its comments replaced by `body`. */
export function replacePart(text: string, part: Pick<GeneratedPart, "file" | "begin" | "end">, body: string): string {
  const { from, to } = partBounds(text, part);
  return text.slice(0, from) + body + text.slice(to);
}

/** The part's text as its results files under `root` generate it. */
export function renderPart(root: string, part: GeneratedPart): string {
  return part.render(part.results.map((rel) => JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"))));
}

/** A line cut around column `at` (the first difference), at most about 120 characters, as JSON. */
function around(line: string | undefined, at: number): string {
  if (line === undefined) return "(no line: the file ends)";
  const from = Math.max(0, at - 40);
  const to = Math.min(line.length, at + 80);
  return JSON.stringify(`${from > 0 ? "…" : ""}${line.slice(from, to)}${to < line.length ? "…" : ""}`);
}

/**
 * "file:line: …" for the first line where `committed` and `generated` (two versions of one file)
 * differ, showing both around the first differing character; null when they are equal.
 */
export function firstDifference(file: string, committed: string, generated: string, source: string): string | null {
  if (committed === generated) return null;
  const a = committed.split("\n");
  const b = generated.split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let c = 0;
  const x = a[i] ?? "";
  const y = b[i] ?? "";
  while (c < x.length && c < y.length && x[c] === y[c]) c++;
  return `${file}:${i + 1}: the committed line reads ${around(a[i], c)}, ${source} generate${source.includes(" and ") ? "" : "s"} ${around(b[i], c)}; regenerate with \`${REGENERATE_COMMAND}\``;
}

/** One line per generated part under `root` that differs from what its results files generate (or cannot be generated). */
export function generatedPartProblems(root: string, parts: GeneratedPart[] = GENERATED_PARTS): string[] {
  const problems: string[] = [];
  for (const part of parts) {
    try {
      const text = fs.readFileSync(path.join(root, part.file), "utf8");
      const difference = firstDifference(part.file, text, replacePart(text, part, renderPart(root, part)), listed(part.results));
      if (difference) problems.push(difference);
    } catch (err) {
      const message = (err as Error).message;
      problems.push(message.startsWith(part.file) ? message : `${part.file}: ${message}`);
    }
  }
  return problems;
}

/**
 * Rewrites every generated part under `root` from its results files: each changed file through a
 * temporary file beside it and a rename (a reader never sees half a file). Returns one line per part
 * ("file: regenerated from …, from line N on", or "file: unchanged").
 */
export function writeGeneratedParts(root: string, parts: GeneratedPart[] = GENERATED_PARTS): string[] {
  const said: string[] = [];
  const texts = new Map<string, string>();
  for (const part of parts) {
    const file = path.join(root, part.file);
    const text = texts.get(file) ?? fs.readFileSync(file, "utf8");
    const next = replacePart(text, part, renderPart(root, part));
    const a = text.split("\n");
    const b = next.split("\n");
    let first = 0;
    while (first < a.length && a[first] === b[first]) first++;
    said.push(`${part.file}: ${next === text ? "unchanged" : `regenerated from ${listed(part.results)}, from line ${first + 1} on`}`);
    texts.set(file, next);
  }
  for (const [file, text] of texts) {
    if (text === fs.readFileSync(file, "utf8")) continue;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  }
  return said;
}

/** `node dist/test/support/docTables.js [--check]` from the project (npm run docs:tables). */
function main(): void {
  const root = path.resolve(__dirname, "../../..");
  if (process.argv.includes("--check")) {
    const problems = generatedPartProblems(root);
    for (const p of problems) console.error(p);
    if (problems.length === 0) console.log(`${GENERATED_PARTS.length} generated parts agree with their results files`);
    process.exitCode = problems.length ? 1 : 0;
    return;
  }
  for (const line of writeGeneratedParts(root)) console.log(line);
}

if (require.main === module) main();
