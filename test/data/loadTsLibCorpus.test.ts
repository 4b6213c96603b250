import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadTsLibCorpus } from "../../src/studies/index";

function fakeLib(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-corpus-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test("loadTsLibCorpus reads lib*.d.ts files in code-point order and splits each by contiguous lines into train, validation, test", () => {
  const lines = (tag: string) => Array.from({ length: 20 }, (_, i) => `${tag}${i}\n`).join(""); // 20 lines of 3–4 chars
  const dir = fakeLib({ "lib.es5.d.ts": lines("e"), "lib.d.ts": lines("a"), "lib.dom.d.ts": lines("d"), "other.ts": "ignored\n", "lib.x.js": "ignored\n" });
  const c = loadTsLibCorpus({ dir, heldOut: [0.1, 0.2] });
  assert.deepEqual(c.files.map((f) => f.name), ["lib.d.ts", "lib.dom.d.ts", "lib.es5.d.ts"]);
  assert.equal(c.version, null);
  // Each file: 20 lines, 70 chars ("x0\n"…"x9\n" = 10·3, "x10\n"…"x19\n" = 10·4); lines x10… start at 30, 34, …, 54 (x16), 58 (x17).
  const split = (tag: string) => {
    const text = lines(tag);
    const lineStartAtOrAfter = (i: number) => { const nl = text.indexOf("\n", i - 1); return nl + 1; };
    const t = lineStartAtOrAfter(Math.round(70 * 0.8));
    const v = lineStartAtOrAfter(Math.round(70 * 0.7));
    return [text.slice(0, v), text.slice(v, t), text.slice(t)];
  };
  const parts = ["a", "d", "e"].map(split);
  assert.equal(c.train, parts.map((p) => p[0]).join(""));
  assert.equal(c.validation, parts.map((p) => p[1]).join(""));
  assert.equal(c.test, parts.map((p) => p[2]).join(""));
  assert.ok(c.test.startsWith("a17\n"), c.test.slice(0, 10)); // 0.8·70 = 56 → the next line start, 58
  assert.ok(c.validation.startsWith("a15\n"), c.validation.slice(0, 10)); // 0.7·70 = 49 → the next line start, 50
  assert.equal(c.train.length + c.validation.length + c.test.length, 3 * 70);
});

test("loadTsLibCorpus: maxChars cuts every split; bad folders and options name themselves", () => {
  const dir = fakeLib({ "lib.a.d.ts": "x\n".repeat(100) });
  const c = loadTsLibCorpus({ dir, maxChars: 7 });
  assert.equal(c.train.length, 7);
  assert.equal(c.test.length, 7);
  const empty = fakeLib({ "readme.md": "no libs" });
  assert.throws(() => loadTsLibCorpus({ dir: empty }), new RegExp(`folder ${empty.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} holds no lib\\.\\*\\.d\\.ts file`));
  assert.throws(() => loadTsLibCorpus({ dir: path.join(empty, "missing") }), /does not exist \(option dir\)/);
  assert.throws(() => loadTsLibCorpus({ dir, heldOut: [0.6, 0.5] }), /option heldOut: \[0\.6, 0\.5\]/);
});

test("loadTsLibCorpus by default reads the installed typescript package's ~3 MB of lib files", () => {
  const c = loadTsLibCorpus();
  assert.ok(c.files.length >= 90, `${c.files.length} files`);
  assert.ok(c.files.some((f) => f.name === "lib.dom.d.ts") && c.files.some((f) => f.name === "lib.es5.d.ts"));
  const total = c.files.reduce((s, f) => s + f.chars, 0);
  assert.ok(total > 2_500_000 && total < 5_000_000, `${total} chars`);
  assert.equal(c.train.length + c.validation.length + c.test.length, total);
  assert.ok(c.test.length > 0.04 * total && c.test.length < 0.06 * total);
  assert.match(c.version ?? "", /^\d+\.\d+\.\d+/);
});
