/**
 * Maps class names to indices. The class list is the sorted distinct names unless given, so
 * the same data always gives the same order. An unknown name is an error naming its row.
 *
 * @example
 * encodeClasses(["sun", "rain", "sun"]) // { classes: ["rain", "sun"], indices: [1, 0, 1] }
 */
export function encodeClasses(names: string[], classes?: string[]): { classes: string[]; indices: number[] } {
  const list = classes ?? [...new Set(names)].sort();
  const index = new Map(list.map((c, i) => [c, i] as const));
  const indices = names.map((name, i) => {
    const k = index.get(name);
    if (k === undefined) throw new Error(`encodeClasses: row ${i} has unknown class "${name}" (known: ${list.join(", ")})`);
    return k;
  });
  return { classes: list, indices };
}
