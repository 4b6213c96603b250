import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadCommands } from "../../src/cli/loadCommands";

test("loadCommands finds one spec per file of src/cli/commands, sorted by name", () => {
  const names = loadCommands().map((c) => c.name);
  assert.deepEqual(names, [...names].sort());
  for (const n of ["report", "tutorial"]) assert.ok(names.includes(n), n);
  const files = fs.readdirSync(path.join(__dirname, "..", "..", "src", "cli", "commands")).filter((f) => f.endsWith(".js"));
  assert.equal(names.length, files.length);
});

test("loadCommands: a file without a command, or a second command of one name, is an error naming the file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-commands-"));
  fs.writeFileSync(path.join(dir, "a.js"), "exports.command = { name: 'a', summary: 's', options: [], run: async () => {} };");
  fs.writeFileSync(path.join(dir, "b.js"), "exports.other = 1;");
  assert.throws(() => loadCommands(dir), new RegExp(`${path.join(dir, "b.js")}: expected an exported \`command\``));
  fs.rmSync(path.join(dir, "b.js"));
  fs.writeFileSync(path.join(dir, "c.js"), "exports.command = { name: 'a', summary: 's', options: [], run: async () => {} };");
  assert.throws(() => loadCommands(dir), new RegExp(`${path.join(dir, "c.js")}: a second command named "a"`));
});
