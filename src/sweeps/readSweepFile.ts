import * as fs from "fs";
import * as path from "path";
import type { SweepDefinition } from "./planSweep";

const KEYS = ["name", "trial", "space", "metric", "mode", "scheduler", "budget", "seed"];

/** The offset of the first character where `text` stops being JSON (a small recursive-descent check; V8's messages do not always say). */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => { while (/\s/.test(text[i] ?? "")) i++; };
  const fail = (): never => { throw i; };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++; ws();
      if (text[i] === close) { i++; return; }
      for (;;) {
        if (c === "{") { ws(); if (text[i] !== '"') fail(); value(); ws(); if (text[i] !== ":") fail(); i++; }
        value(); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === close) { i++; return; }
        fail();
      }
    }
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++; else if (text[i] === "\n") fail();
      if (i >= text.length) fail();
      i++;
      return;
    }
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value(); ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return at as number;
  }
}

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
    const at = jsonErrorOffset(text);
    throw new Error(`${abs}${at >= 0 ? `: ${lineColumn(text, at)}` : ""}: not valid JSON (${message.split("\n")[0]})`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new Error(`${abs}: expected a JSON object with ${KEYS.join(", ")}`);
  for (const key of Object.keys(json)) if (!KEYS.includes(key)) throw new Error(`${abs}: unknown key "${key}": a sweep file has ${KEYS.join(", ")}`);
  if (typeof json.name !== "string") throw new Error(`${abs}: "name" is ${JSON.stringify(json.name)}, expected the sweep's name (letters, digits, _ . -)`);
  const { name, ...definition } = json;
  return { name: name as string, definition: definition as unknown as SweepDefinition, base: path.dirname(abs) };
}
