/**
 * A plain plotly figure: what every builder in `src/charts` returns. It is data only (no
 * functions), so it serializes to JSON and can be tested without a browser.
 *
 * @example
 * const fig: Figure = { data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "t" } } };
 */
export interface Figure {
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
}
