// The numbers in README.md and docs/ that come from a study are written after a marker naming
// their results file and how to print them:
//
//   <!--result tutorial "{gru.accuracy.mean:pct1} ± {gru.accuracy.sd:pct1} %"-->66.8 ± 0.9 %
//
// The marker is invisible in rendered Markdown. test/repo/resultsInDocs.test.ts renders every
// marker's template from results/<study>.json and fails when the text after it differs.

/** One marker found in a Markdown file. */
export interface ResultMarker {
  file: string;
  /** 1-based line of the marker. */
  line: number;
  study: string;
  template: string;
  /** The text right after the marker (as long as the rendered template, or the rest of the line). */
  following: string;
}

const MARKER = /<!--result ([a-z0-9-]+) "([^"]*)"-->/g;

/** Every result marker of a Markdown text. */
export function findResultMarkers(file: string, text: string): ResultMarker[] {
  const out: ResultMarker[] = [];
  for (const m of text.matchAll(MARKER)) {
    const start = m.index! + m[0].length;
    const lineEnd = text.indexOf("\n", start);
    out.push({
      file, line: text.slice(0, m.index).split("\n").length, study: m[1], template: m[2],
      following: text.slice(start, lineEnd < 0 ? undefined : lineEnd),
    });
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
