/**
 * Escapes a string from data or the user (class label, feature name, run name) for plotly's
 * text fields (titles, tick labels, legend names, hover and cell text). Plotly parses a small
 * pseudo-HTML (`<b>`, `<br>`, `<a href>`) and decodes only `&amp;`, `&lt;`, `&gt;` and numeric
 * entities, so `escapeHtml` would show `&quot;` literally; this escapes exactly `& < >`.
 *
 * @example
 * layout.xaxis.ticktext = classes.map(plotlyText); // "<img src=x>" shows as text
 */
export function plotlyText(text: unknown): string {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
