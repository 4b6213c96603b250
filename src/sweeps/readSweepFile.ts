import * as fs from "fs";
import * as path from "path";
import type { SweepDefinition } from "./planSweep";

const KEYS = ["name", "trial", "space", "metric", "mode", "scheduler", "budget", "seed"];

/** Line and column (1-based, as an editor shows them) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Reads a sweep file (JSON): `name` and the sweep (`trial`, `space`, `metric`, `mode`,
 * `scheduler`, `budget`, `seed`; see SweepDefinition). Errors name the file and, for bad JSON,
 * the line and column; an unknown key is named with the keys a sweep file has. The folder of the
 * file is where a trial module's path starts (`base`).
 *
 * @example
 * const { name, definition, base } = readSweepFile("sweeps/cells.json");
 * await startSweep(name, { ...definition, base });
 */
export function readSweepFile(file: string): { name: string; definition: SweepDefinition; base: string } {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new Error(`${abs}: no such sweep file`);
  const text = fs.readFileSync(abs, "utf8");
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    throw new Error(`${abs}${at ? `: ${lineColumn(text, Number(at[1]))}` : ""}: not valid JSON (${message})`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new Error(`${abs}: expected a JSON object with ${KEYS.join(", ")}`);
  for (const key of Object.keys(json)) if (!KEYS.includes(key)) throw new Error(`${abs}: unknown key "${key}": a sweep file has ${KEYS.join(", ")}`);
  if (typeof json.name !== "string") throw new Error(`${abs}: "name" is ${JSON.stringify(json.name)}, expected the sweep's name (letters, digits, _ . -)`);
  const { name, ...definition } = json;
  return { name: name as string, definition: definition as unknown as SweepDefinition, base: path.dirname(abs) };
}
