// Every hint a message gives names something that exists in a user's project: each
// `grulab.NAME(` in a string of src/ is a runtime export of the "grulab" entry point, and each
// `npx grulab COMMAND` is a command of the CLI.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { loadCommands } from "../../src/cli/loadCommands";

const SRC = path.resolve(__dirname, "..", "..", "..", "src");

/** The string and template literals of the TypeScript files under src/ (comments left out). */
function hintTexts(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith(".ts")) {
        const code = fs.readFileSync(file, "utf8").replace(/\/\*[^]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
        for (const m of code.matchAll(/"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) out.push({ file: path.relative(SRC, file), text: m[0] });
      }
    }
  };
  walk(SRC);
  return out;
}

test("every `grulab.NAME(` in a message is a runtime export of grulab", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grulab = require("../../src/index") as Record<string, unknown>;
  const missing = hintTexts().flatMap(({ file, text }) => [...text.matchAll(/grulab\.([A-Za-z]\w*)\(/g)]
    .filter((m) => typeof grulab[m[1]] !== "function").map((m) => `${file}: grulab.${m[1]}`));
  assert.deepEqual(missing, []);
});

test("every `npx grulab COMMAND` in a message is a grulab command", () => {
  const names = new Set(loadCommands().map((c) => c.name));
  const hints = hintTexts().flatMap(({ file, text }) => [...text.matchAll(/npx grulab ([a-z][\w-]*)/g)].map((m) => ({ file, name: m[1] })));
  assert.ok(hints.length >= 3, "the scan finds the hints");
  assert.deepEqual(hints.filter((h) => !names.has(h.name)), []);
});
