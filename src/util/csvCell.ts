/**
 * One CSV cell (RFC 4180): text with a comma, quote or line break is quoted, quotes doubled.
 * Every CSV writer in grulab passes strings from data (layer, class, feature names) through it.
 *
 * @example
 * csvCell('say "hi", then') // '"say ""hi"", then"'
 */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
