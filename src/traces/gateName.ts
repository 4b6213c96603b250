/**
 * The traced quantities of a recurrent step, one name per quantity across files. GRU: update gate
 * `z`, reset gate `r`, candidate `hTilde`; LSTM: input gate `i`, forget gate `f`, candidate
 * `cTilde`, output gate `o`, cell state `c`; every cell: hidden state `h`. Sigmoid gates lie in
 * [0, 1], tanh candidates and h in [-1, 1]; the LSTM's c is unbounded.
 *
 * @example
 * const g: GateName = "f"; const [lo, hi] = gateRange(g); // [0, 1]
 */
export type GateName = "z" | "r" | "hTilde" | "i" | "f" | "cTilde" | "o" | "c" | "h";

/**
 * All gate names in the order charts show them: the GRU's (z, r, hTilde), the LSTM's (i, f,
 * cTilde, o, c), then h.
 *
 * @example
 * for (const gate of GATE_NAMES) console.log(gate, gateRange(gate));
 */
export const GATE_NAMES: readonly GateName[] = ["z", "r", "hTilde", "i", "f", "cTilde", "o", "c", "h"];

/** The sigmoid gates (values in [0, 1]): what saturation counts and what charts colour with Viridis. */
export const SIGMOID_GATES: readonly GateName[] = ["z", "r", "i", "f", "o"];

/**
 * The value range of a gate: [0, 1] for the sigmoid gates z, r, i, f, o; [-1, 1] for hTilde,
 * cTilde and h; [-Infinity, Infinity] for the LSTM's cell state c (charts scale c to the data,
 * symmetric about 0).
 *
 * @example
 * gateRange("h") // [-1, 1]
 */
export function gateRange(gate: GateName): [number, number] {
  if (SIGMOID_GATES.includes(gate)) return [0, 1];
  return gate === "c" ? [-Infinity, Infinity] : [-1, 1];
}

/**
 * A readable label for a gate, as axis and panel titles show it.
 *
 * @example
 * gateLabel("hTilde") // "candidate h̃"
 */
export function gateLabel(gate: GateName): string {
  return {
    z: "update gate z", r: "reset gate r", hTilde: "candidate h̃",
    i: "input gate i", f: "forget gate f", cTilde: "candidate c̃", o: "output gate o", c: "cell state c",
    h: "hidden state h",
  }[gate];
}

/**
 * The range a chart draws a quantity's values over: [0, 1] for a sigmoid gate; for a state or a
 * candidate (h, h̃, c̃: [−1, 1] under tanh; c unbounded) [−1, 1] while every value lies in it,
 * else [−m, m] with m the largest |value| — c, or a layer with another activation (relu, linear).
 */
export function chartRange(gate: GateName, values: Iterable<ArrayLike<number>>): [number, number] {
  const [lo, hi] = gateRange(gate);
  if (SIGMOID_GATES.includes(gate)) return [lo, hi];
  let m = 0;
  for (const row of values) for (let k = 0; k < row.length; k++) if (Number.isFinite(row[k])) m = Math.max(m, Math.abs(row[k]));
  return m > 1 ? [-m, m] : gate === "c" && m > 0 ? [-m, m] : [-1, 1];
}
