/**
 * The value `table` holds under `key` as its own property, or undefined: a lookup by a name a
 * user gave ("tanh", "glorotUniform") that does not reach Object.prototype ("toString",
 * "constructor", "__proto__" are not entries of any table).
 *
 * Internal: the name tables of models/ and onnx/ use it; not exported from an index.
 *
 * @example
 * ownEntry({ tanh: 1 }, "tanh") // 1
 * ownEntry({ tanh: 1 }, "toString") // undefined
 */
export function ownEntry<V>(table: Record<string, V>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
