/**
 * Splits one CSV line into its cells (RFC 4180, the inverse of `csvCell`): quoted cells may hold
 * commas and doubled quotes; a cell may not span lines. An unclosed quote throws, naming the place
 * `where()` describes (file and line).
 *
 * @example
 * csvCells('rain,"a, b","say ""hi"""', () => "x.csv: line 2") // ["rain", "a, b", 'say "hi"']
 */
export function csvCells(line: string, where: () => string): string[] {
  if (!line.includes('"')) return line.split(",");
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { cells.push(cell); cell = ""; } else cell += ch;
  }
  if (quoted) throw new Error(`${where()}: a quoted cell is not closed on its line (cells may not span lines)`);
  cells.push(cell);
  return cells;
}
