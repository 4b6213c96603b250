/** A parsed CSV file: the header's column names and the data rows as strings. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Parses CSV text (RFC 4180: comma separated, `"` quoting with `""` for a quote, LF or CRLF
 * line ends, a trailing newline allowed). The first line is the header. Throws when a row has
 * a different number of fields than the header, naming `source` and the 1-based line.
 *
 * @example
 * const { header, rows } = parseCsv(fs.readFileSync("history.csv", "utf8"), "history.csv");
 */
export function parseCsv(text: string, source = "CSV"): CsvTable {
  const records: Array<{ fields: string[]; line: number }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === "\n") line++; field += c; }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { fields.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ fields, line: recordLine });
      fields = []; field = ""; line++; recordLine = line;
    } else field += c;
  }
  if (quoted) throw new Error(`${source}: line ${recordLine}: unterminated quoted field`);
  if (field !== "" || fields.length > 0) { fields.push(field); records.push({ fields, line: recordLine }); }
  const nonEmpty = records.filter((r) => !(r.fields.length === 1 && r.fields[0] === ""));
  if (nonEmpty.length === 0) throw new Error(`${source}: empty file, expected a header line`);
  const header = nonEmpty[0].fields.map((h) => h.trim());
  const rows = nonEmpty.slice(1).map((r) => {
    if (r.fields.length !== header.length) {
      throw new Error(`${source}: line ${r.line} has ${r.fields.length} fields, the header has ${header.length} (${header.join(",")})`);
    }
    return r.fields;
  });
  return { header, rows };
}
