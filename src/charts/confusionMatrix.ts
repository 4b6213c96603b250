import type { Figure } from "./figure";
import { plotlyText } from "./plotlyText";

/**
 * A confusion matrix as a heatmap: rows = actual class (top to bottom in `classes` order),
 * columns = predicted class. Colour is the row-normalized share (recall per actual class), each
 * cell's text is `count` and the row share in percent. Class labels are escaped for plotly.
 * Throws when the matrix is not `classes.length` × `classes.length` or holds a negative or
 * non-finite count.
 *
 * @example
 * const fig = confusionMatrix([[5, 1], [2, 7]], ["rain", "sun"]);
 */
export function confusionMatrix(
  confusion: ArrayLike<number>[],
  classes: string[],
  options: { title?: string } = {},
): Figure {
  const n = classes.length;
  if (confusion.length !== n) {
    throw new Error(`confusionMatrix: expected ${n} rows (one per class), got ${confusion.length}`);
  }
  const counts = confusion.map((row, i) => {
    if (row.length !== n) {
      throw new Error(`confusionMatrix: row ${i} (actual "${classes[i]}") has ${row.length} columns, expected ${n}`);
    }
    return Array.from(row, (v, j) => {
      if (!Number.isFinite(v) || v < 0) {
        throw new Error(`confusionMatrix: cell [${i}][${j}] is ${v}, expected a count >= 0`);
      }
      return v;
    });
  });
  const shares = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
  const labels = classes.map(plotlyText);
  const text = counts.map((row, i) => row.map((v, j) => `${v}<br>${(100 * shares[i][j]).toFixed(1)}%`));
  // Categories are indices; labels go through ticktext so duplicate or markup-like names stay safe.
  const idx = classes.map((_, i) => i);
  return {
    data: [{
      type: "heatmap", x: idx, y: idx, z: shares, text, texttemplate: "%{text}",
      zmin: 0, zmax: 1, colorscale: "Blues", reversescale: true, colorbar: { title: { text: "row share" } },
      customdata: counts.map((row, i) => row.map((_, j) => [labels[i], labels[j]])),
      hovertemplate: "actual %{customdata[0]}<br>predicted %{customdata[1]}<br>%{text}<extra></extra>",
    }],
    layout: {
      title: { text: plotlyText(options.title ?? "Confusion matrix (rows: actual, normalized per row)") },
      xaxis: { title: { text: "predicted" }, tickvals: idx, ticktext: labels, side: "bottom", automargin: true },
      yaxis: { title: { text: "actual" }, tickvals: idx, ticktext: labels, autorange: "reversed", automargin: true },
    },
  };
}
