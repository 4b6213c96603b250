// The numbers in README.md and docs/ that come from a study are written after a marker naming
// their results file and how to print them:
//
//   <!--result tutorial "{gru.accuracy.mean:pct1} ± {gru.accuracy.sd:pct1} %"-->66.8 ± 0.9 %
//
// The marker's study names results/<study>.json; it may name a file in one subfolder of results/
// (a study run in pieces chains its file there): `gru-vs-lstm-1e4/gru-vs-lstm` reads
// results/gru-vs-lstm-1e4/gru-vs-lstm.json. Only [a-z0-9-]+ with at most one "/" is a study, so
// no marker reads outside results/; a marker that does not parse is an error, not ignored.
// The marker is invisible in rendered Markdown. test/repo/resultsInDocs.test.ts renders every
// marker's template from its results file and fails when the text after it differs.
import * as fs from "node:fs";
import * as path from "node:path";

/** One marker found in a Markdown file. */
export interface ResultMarker {
  file: string;
  /** 1-based line of the marker. */
  line: number;
  /** The results file's path in results/ without ".json": "tutorial", or "gru-vs-lstm-1e4/gru-vs-lstm". */
  study: string;
  template: string;
  /** The text right after the marker (as long as the rendered template, or the rest of the line). */
  following: string;
}

/** What a marker's study may be: a file name in results/, or one subfolder and a file name in it. */
const STUDY = /^[a-z0-9-]+(\/[a-z0-9-]+)?$/;
/** A marker at a given position (sticky): its study (any run of non-space, checked against STUDY after) and template. */
const MARKER = /<!--result ([^\s"]+) "([^"]*)"-->/y;
const OPENING = "<!--result";

/**
 * The results file a marker's study names, relative to the project ("results/<study>.json");
 * throws, naming `where`, for a study outside [a-z0-9-]+(/[a-z0-9-]+)? (so no "..", no absolute path).
 */
export function resultsFileOf(study: string, where: string): string {
  if (!STUDY.test(study)) {
    throw new Error(`${where}: result marker study "${study}" is not a results file: expected [a-z0-9-]+ or one subfolder of results/, [a-z0-9-]+/[a-z0-9-]+ (no "..", no ".json")`);
  }
  return `results/${study}.json`;
}

/**
 * Every result marker of a Markdown text. Throws, naming the file and line, at the first
 * `<!--result` that is not a well-formed marker or whose study is not a results file name.
 */
export function findResultMarkers(file: string, text: string): ResultMarker[] {
  const out: ResultMarker[] = [];
  for (let at = text.indexOf(OPENING); at >= 0; at = text.indexOf(OPENING, at + OPENING.length)) {
    const line = text.slice(0, at).split("\n").length;
    MARKER.lastIndex = at;
    const m = MARKER.exec(text);
    if (!m) {
      throw new Error(`${file}:${line}: a result marker reads <!--result STUDY "TEMPLATE"-->, not ${JSON.stringify(text.slice(at, at + 60).split("\n")[0])}`);
    }
    resultsFileOf(m[1], `${file}:${line}`);
    const start = at + m[0].length;
    const lineEnd = text.indexOf("\n", start);
    out.push({ file, line, study: m[1], template: m[2], following: text.slice(start, lineEnd < 0 ? undefined : lineEnd) });
  }
  return out;
}

/** The value at a dotted path ("gru.accuracy.mean", "rows.0.bpc") of a results object; an error names the missing part. */
export function valueAt(results: unknown, dotted: string, study: string): unknown {
  let v: unknown = results;
  for (const part of dotted.split(".")) {
    if (v === null || typeof v !== "object" || !(part in (v as object))) {
      throw new Error(`results/${study}.json has no "${dotted}" (no "${part}")`);
    }
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Formats a number as the docs print it: pctN (×100, N decimals), fN (N decimals), int, p (a
 * p-value: "< 0.001" below 0.001, else 2 significant digits), or raw (a string or number as is).
 */
export function formatResult(value: unknown, format: string, where: string): string {
  if (format === "raw") return String(value);
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${where}: ${JSON.stringify(value)} is not a finite number`);
  let m: RegExpExecArray | null;
  if ((m = /^pct(\d)$/.exec(format))) return (100 * value).toFixed(Number(m[1]));
  if ((m = /^f(\d)$/.exec(format))) return value.toFixed(Number(m[1]));
  if (format === "int") return Math.round(value).toLocaleString("en-US");
  if (format === "p") return value < 0.001 ? "< 0.001" : value.toPrecision(2);
  throw new Error(`${where}: unknown format "${format}" (pctN, fN, int, p, raw)`);
}

/** A marker's template with each {path:format} replaced by the formatted value from the results. */
export function renderTemplate(template: string, results: unknown, study: string): string {
  return template.replace(/\{([^}:]+):([a-z0-9]+)\}/g, (_, dotted: string, format: string) =>
    formatResult(valueAt(results, dotted, study), format, `results/${study}.json "${dotted}"`));
}

/**
 * Checks every marker of the given Markdown files (paths relative to `root`) against the results
 * files under `root`/results/: one line per problem, "file:line: what" (a malformed marker, a
 * study that is not a results file name, a missing file, a missing value, text that differs).
 */
export function resultMarkerProblems(root: string, markdownFiles: string[]): string[] {
  const problems: string[] = [];
  const cache = new Map<string, unknown>();
  for (const f of markdownFiles) {
    let markers: ResultMarker[];
    try {
      markers = findResultMarkers(f, fs.readFileSync(path.join(root, f), "utf8"));
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    for (const m of markers) {
      const rel = resultsFileOf(m.study, `${m.file}:${m.line}`);
      if (!cache.has(m.study)) {
        const file = path.join(root, rel);
        if (!fs.existsSync(file)) { problems.push(`${m.file}:${m.line}: ${rel} does not exist`); continue; }
        cache.set(m.study, JSON.parse(fs.readFileSync(file, "utf8")));
      }
      try {
        const want = renderTemplate(m.template, cache.get(m.study), m.study);
        if (!m.following.startsWith(want)) problems.push(`${m.file}:${m.line}: says "${m.following.slice(0, want.length + 10)}", ${rel} gives "${want}"`);
      } catch (err) {
        problems.push(`${m.file}:${m.line}: ${(err as Error).message}`);
      }
    }
  }
  return problems;
}

/** The header every results file starts with (studyResultsHeader): how it was made. */
export const RESULTS_RECORD_KEYS = ["study", "date", "command", "versions", "budget"] as const;

/**
 * Checks every results file a marker can name — results/*.json and results/<folder>/*.json — under
 * `root`: each records how it was made (RESULTS_RECORD_KEYS) and its "study" is its file name
 * (without the folder). One line per problem.
 */
export function resultsRecordProblems(root: string): string[] {
  const dir = path.join(root, "results");
  if (!fs.existsSync(dir)) return [];
  const rels: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isFile() && e.name.endsWith(".json")) rels.push(e.name);
    if (e.isDirectory()) {
      for (const f of fs.readdirSync(path.join(dir, e.name)).sort()) {
        if (f.endsWith(".json") && fs.statSync(path.join(dir, e.name, f)).isFile()) rels.push(`${e.name}/${f}`);
      }
    }
  }
  const problems: string[] = [];
  for (const rel of rels) {
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(fs.readFileSync(path.join(dir, rel), "utf8")) as Record<string, unknown>;
    } catch (err) {
      problems.push(`results/${rel} is not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (r === null || typeof r !== "object" || Array.isArray(r)) { problems.push(`results/${rel} is not a JSON object`); continue; }
    for (const key of RESULTS_RECORD_KEYS) if (!(key in r)) problems.push(`results/${rel} has no "${key}"`);
    const name = path.basename(rel, ".json");
    if ("study" in r && r.study !== name) problems.push(`results/${rel}: "study" should be its file name, "${name}", not ${JSON.stringify(r.study)}`);
  }
  return problems;
}
