/**
 * The traced quantities of a GRU step: update gate `z`, reset gate `r` (sigmoid, in [0, 1]),
 * candidate state `hTilde` and hidden state `h` (tanh, in [-1, 1]).
 *
 * @example
 * const g: GateName = "z"; const [lo, hi] = gateRange(g); // [0, 1]
 */
export type GateName = "z" | "r" | "hTilde" | "h";

/**
 * All gate names in the order charts show them.
 *
 * @example
 * for (const gate of GATE_NAMES) console.log(gate, gateRange(gate));
 */
export const GATE_NAMES: readonly GateName[] = ["z", "r", "hTilde", "h"];

/**
 * The value range of a gate: [0, 1] for z and r, [-1, 1] for hTilde and h.
 *
 * @example
 * gateRange("h") // [-1, 1]
 */
export function gateRange(gate: GateName): [number, number] {
  return gate === "z" || gate === "r" ? [0, 1] : [-1, 1];
}

/**
 * A readable label for a gate, as axis and panel titles show it.
 *
 * @example
 * gateLabel("hTilde") // "candidate h̃"
 */
export function gateLabel(gate: GateName): string {
  return { z: "update gate z", r: "reset gate r", hTilde: "candidate h̃", h: "hidden state h" }[gate];
}
