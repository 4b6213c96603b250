// The JS ↔ kernel boundary, one mechanism for every fused kernel: each phase of a kernel takes ONE
// argument, the byte offset of a call block in the kernel's memory — consecutive i32 fields in the
// order of its field list. A kernel's field list (gruCall.ts, rnnCall.ts) is the only place its
// fields are named: scripts/build-kernels.js generates from it the AssemblyScript class
// (src/kernels/wasm/<type>.generated.ts) and the C struct (src/kernels/native/<type>.generated.h)
// the kernels read, each with an echo function (the offsets' test), and writeCallBlock writes it
// from JS with every field not given set to 0. Adding a field is one edit to the list.

/** How a field is read: a plain integer ("int", i32) or a buffer's byte offset in the kernel's memory ("offset", 0 = absent). */
export type CallFieldKind = "int" | "offset";

/**
 * One call block: its generated type name, the kernel that reads it, and its fields in memory order.
 *
 * @example
 * const at = 4 * GRU_CALL.index.batch; // the byte offset of `batch` in a GruCall
 */
export interface CallBlock<Field extends string> {
  /** The generated AssemblyScript class and C struct (e.g. "GruCall"); its echo export is `<type in lowerCamelCase>Echo`. */
  type: string;
  /** The kernel module reading it ("gru": gru.wasm and gru-*.node; "rnn": rnn.wasm and rnn-*.node); its field list is src/kernels/<kernel>Call.ts. */
  kernel: string;
  /** Field names in memory order, one i32 each. */
  fields: readonly Field[];
  kinds: Readonly<Record<Field, CallFieldKind>>;
  /** The i32 index of each field (its byte offset / 4). */
  index: Readonly<Record<Field, number>>;
  /** Bytes of one block. */
  bytes: number;
  /** The name of the kernels' export that copies every field, read through the generated type, to dst in field order. */
  echo: string;
}

/**
 * Defines a call block from its fields in memory order (an object literal keeps its order).
 *
 * @example
 * export const GRU_CALL = callBlock("GruCall", "gru", { batch: "int", x: "offset" });
 */
export function callBlock<Field extends string>(type: string, kernel: string, kinds: Record<Field, CallFieldKind>): CallBlock<Field> {
  const fields = Object.keys(kinds) as Field[];
  const index = Object.fromEntries(fields.map((f, i) => [f, i])) as Record<Field, number>;
  return { type, kernel, fields, kinds, index, bytes: 4 * fields.length, echo: `${type[0].toLowerCase()}${type.slice(1)}Echo` };
}

/**
 * Writes one call block at byte offset `at` of the kernel's memory: every field of the block from
 * `values`, the fields not given 0 (an absent buffer, a zero size). Keys that are not fields are ignored.
 *
 * @example
 * writeCallBlock(GRU_CALL, kernel.i32(), at.call0, { ...buffers, part: 0, parts: 2 });
 */
export function writeCallBlock<Field extends string>(block: CallBlock<Field>, mem: Int32Array, at: number, values: Partial<Record<Field, number>>): void {
  const base = at / 4;
  block.fields.forEach((f, i) => (mem[base + i] = values[f] ?? 0));
}
