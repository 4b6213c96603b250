import { test } from "node:test";
import * as assert from "node:assert/strict";
import { loadCommands } from "../../src/cli/loadCommands";
import { commandUsage, usageText } from "../../src/cli/usageText";

test("usageText lists every command and every option of every command, with its default", () => {
  const commands = loadCommands();
  const text = usageText(commands);
  for (const c of commands) {
    assert.ok(text.includes(`grulab ${c.name}`), c.name);
    for (const o of c.options) {
      assert.match(text, new RegExp(`\\n  --${o.name}\\b`), `${c.name} --${o.name}`);
      if (o.default !== undefined) assert.ok(commandUsage(c).includes(`(default ${o.default})`), `${c.name} --${o.name} default`);
    }
  }
  assert.match(text, /--gru-implementation NAME\s+sequence code of the grulab GRU: reference \| fused \| auto \(default auto\)/);
});

test("commandUsage shows the synopsis, arguments and options of one command", () => {
  const report = loadCommands().find((c) => c.name === "report");
  assert.ok(report);
  const text = commandUsage(report);
  assert.match(text, /^Usage: grulab report \[options\] <run…>\n/);
  assert.match(text, /<run…>\s+run folders, relative to the current directory/);
  assert.match(text, /--pdf NAME\s+report\.pdf: .*: auto \| on \| off \(default auto\)/);
});
