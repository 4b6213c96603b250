/**
 * A table cell as text: integers in full, other numbers with 4 significant digits (exponent
 * form below 0.001 or from 100,000), NaN / null / undefined as "—", anything else as text.
 *
 * @example
 * formatCell(0.653219) // "0.6532"
 * formatCell(1234567.8) // "1.235e+6"
 */
export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "—";
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
    return String(Number(v.toPrecision(4)));
  }
  if (typeof v === "boolean" || typeof v === "string") return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}
