/**
 * How many labels fall in each class, in `classes` order, with a one-line summary for printing.
 *
 * @example
 * classCounts([0, 1, 1], ["rain", "sun"]) // { counts: [1, 2], text: "rain 1 (33.3%), sun 2 (66.7%)" }
 */
export function classCounts(labels: number[], classes: string[]): { counts: number[]; text: string } {
  const counts = classes.map(() => 0);
  for (const label of labels) counts[label]++;
  const n = labels.length || 1;
  const text = classes.map((c, i) => `${c} ${counts[i]} (${((100 * counts[i]) / n).toFixed(1)}%)`).join(", ");
  return { counts, text };
}
