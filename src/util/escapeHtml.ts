/**
 * Escapes text for HTML element content and attribute values, so that strings from data or
 * the user (column names, run names, labels) show as text, never as markup.
 *
 * @example
 * `<td>${escapeHtml(columnName)}</td>`
 */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
