import type { GateName } from "./gateName";
import type { RecurrentCell } from "../models/matchedUnits";

/**
 * The quantities each cell's trace holds, in the order frames, files and charts give them.
 *
 * @example
 * TRACE_COLUMNS.lstm // ["i", "f", "cTilde", "o", "c", "h"]
 */
export const TRACE_COLUMNS: Readonly<Record<RecurrentCell, readonly GateName[]>> = {
  gru: ["z", "r", "hTilde", "h"],
  lstm: ["i", "f", "cTilde", "o", "c", "h"],
  simpleRnn: ["h"],
};

/** The cell whose `TRACE_COLUMNS` are exactly `columns` (in order), or undefined. */
export function cellOfColumns(columns: readonly GateName[]): RecurrentCell | undefined {
  return (Object.keys(TRACE_COLUMNS) as RecurrentCell[]).find((c) => TRACE_COLUMNS[c].join() === columns.join());
}
