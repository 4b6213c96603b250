/**
 * One-hot rows for class indices: row i has a 1 at column `labels[i]` and 0 elsewhere.
 *
 * @example
 * oneHot([2, 0], 3) // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: number[], numClasses: number): number[][] {
  return labels.map((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new Error(`oneHot: label ${i} is ${label}, expected an integer in [0, ${numClasses})`);
    }
    const row = new Array<number>(numClasses).fill(0);
    row[label] = 1;
    return row;
  });
}
