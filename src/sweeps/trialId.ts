import { createHash } from "crypto";

/**
 * The JSON of a value with every object's keys sorted, so that equal configs give equal text
 * whatever order their keys were written in.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`canonicalJson: ${value} has no JSON form`);
  return JSON.stringify(value);
}

/**
 * A trial's id from its config alone: sha256 of the canonical JSON (sorted keys), the first 12
 * hex digits. The same config gives the same id on every machine, so a trial delivered twice
 * lands in one folder.
 *
 * @example
 * trialId({ cell: "gru", units: 64, seed: 1 }) === trialId({ seed: 1, units: 64, cell: "gru" }) // true
 */
export function trialId(config: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, 12);
}
