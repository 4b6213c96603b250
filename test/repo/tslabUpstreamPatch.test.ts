// docs/tslab-upstream.patch is grulab's five tslab edits (src/notebook/tslabPatch.ts) against tslab's
// TypeScript source (yunabe/tslab a68b0a3, 1.0.22), to send upstream. tslab's source is not here, so
// `git apply` cannot run in a test; what breaks `git apply` in a patch edited by hand is a hunk whose
// header's line counts differ from its body ("corrupt patch at line N"). This parses the file as a
// unified diff, checks every hunk's counts, the files it touches and that each of the five edits is
// in it. Applying it (and building tslab from it) is described in docs/jupyter.md.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../../..");
const PATCH = path.join(root, "docs", "tslab-upstream.patch");

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The hunk's lines as written, each starting with " ", "-" or "+". */
  body: string[];
}

interface FilePatch {
  oldPath: string;
  newPath: string;
  hunks: Hunk[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses a unified diff (git's or plain): text before the first `--- ` header is ignored, as
 * `git apply` does. Throws, naming the line, when a hunk's body has fewer or more lines than its
 * header says.
 */
function parseUnifiedDiff(text: string): FilePatch[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const files: FilePatch[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`line ${i + 1}: ${why}`);
  };
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ")) {
      files.push({ oldPath: line.slice(4).replace(/^a\//, ""), newPath: lines[i + 1].slice(4).replace(/^b\//, ""), hunks: [] });
      i += 2;
      continue;
    }
    const header = HUNK_HEADER.exec(line);
    if (header === null) {
      if (files.length > 0 && files[files.length - 1].hunks.length > 0 && /^[ +-]/.test(line) && !line.startsWith("--- ")) {
        fail(`a hunk line after the hunk's counts are used up: ${JSON.stringify(line)}`);
      }
      i++;
      continue;
    }
    if (files.length === 0) fail("a hunk before any --- / +++ file header");
    const hunk: Hunk = {
      oldStart: Number(header[1]), oldLines: header[2] === undefined ? 1 : Number(header[2]),
      newStart: Number(header[3]), newLines: header[4] === undefined ? 1 : Number(header[4]), body: [],
    };
    i++;
    let oldLeft = hunk.oldLines;
    let newLeft = hunk.newLines;
    while (oldLeft > 0 || newLeft > 0) {
      if (i >= lines.length) fail(`the hunk ends early: ${oldLeft} old and ${newLeft} new lines missing`);
      const body = lines[i];
      // An empty line is an empty context line whose space was stripped; git apply takes it so.
      const kind = body === "" ? " " : body[0];
      if (kind === " ") {
        oldLeft--;
        newLeft--;
      } else if (kind === "-") {
        oldLeft--;
      } else if (kind === "+") {
        newLeft--;
      } else if (kind !== "\\") {
        fail(`the hunk ends early (${oldLeft} old and ${newLeft} new lines missing): ${JSON.stringify(body)}`);
      }
      if (oldLeft < 0 || newLeft < 0) fail("the hunk has more lines than its header says");
      if (kind !== "\\") hunk.body.push(body === "" ? " " : body);
      i++;
    }
    while (lines[i]?.startsWith("\\")) i++; // "\ No newline at end of file" after the last line
    files[files.length - 1].hunks.push(hunk);
  }
  return files;
}

/** The added (`+`) or removed (`-`) lines of a file's hunks, without their sign. */
function changed(file: FilePatch, sign: "+" | "-"): string[] {
  return file.hunks.flatMap((h) => h.body.filter((l) => l[0] === sign).map((l) => l.slice(1)));
}

test("parseUnifiedDiff reads a hunk whose counts match its body, and names the line of one that does not", () => {
  const good = "--- a/f.ts\n+++ b/f.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n\n";
  assert.deepEqual(parseUnifiedDiff(good), [{ oldPath: "f.ts", newPath: "f.ts", hunks: [
    { oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, body: [" a", "-b", "+B", " "] },
  ] }]);
  // One line short (the header says 4), then one line too many (the header says 2).
  assert.throws(() => parseUnifiedDiff("--- a/f.ts\n+++ b/f.ts\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n@@ -9 +9 @@\n-x\n+y\n"),
    /line 8: the hunk ends early \(1 old and 1 new lines missing\)/);
  assert.throws(() => parseUnifiedDiff("--- a/f.ts\n+++ b/f.ts\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n c\n"),
    /line 7: a hunk line after the hunk's counts are used up/);
});

test("docs/tslab-upstream.patch is a well-formed diff of tslab's src/converter.ts and src/jupyter.ts with grulab's five edits", () => {
  const files = parseUnifiedDiff(fs.readFileSync(PATCH, "utf8"));
  assert.deepEqual(files.map((f) => [f.oldPath, f.newPath]), [["src/converter.ts", "src/converter.ts"], ["src/jupyter.ts", "src/jupyter.ts"]]);
  for (const f of files) {
    assert.ok(f.hunks.length > 0, f.newPath);
    // Hunks in order and apart: git apply rejects a patch whose hunks of one file overlap.
    for (let k = 1; k < f.hunks.length; k++) {
      assert.ok(f.hunks[k].oldStart >= f.hunks[k - 1].oldStart + f.hunks[k - 1].oldLines, `${f.newPath}: hunk ${k + 1} overlaps hunk ${k}`);
    }
  }
  const [converter, jupyter] = files;
  const has = (lines: string[], text: string) => lines.some((l) => l.includes(text));
  // 1. Shorthand properties name the earlier cell's variable.
  assert.ok(has(changed(converter, "+"), "checker.getShorthandAssignmentValueSymbol("), "the shorthand edit");
  // 2. A cell's own export is not exported twice.
  assert.ok(has(changed(converter, "+"), ".exportSymbol"), "the own-exports edit");
  // 3. TypeScript's two watch timers wait in order instead of throwing in a file watcher.
  assert.ok(has(changed(converter, "+"), "pendingTimers.push("), "the timers edit");
  assert.ok(has(changed(converter, "-"), 'throw new Error("Unexpected pending rebuildTimer");'), "the timers edit removes the throw");
  // 4. Each message goes out in order behind one zeromq delayed (EBUSY).
  assert.ok(has(changed(jupyter, "-"), "sock.send(heads.concat(bodies));"), "the in-order edit removes the bare send");
  assert.ok(has(changed(jupyter, "+"), "sendInOrder(sock, heads.concat(bodies));"), "the in-order edit");
  assert.ok(has(changed(jupyter, "+"), 'err.code === "EBUSY"'), "the in-order edit waits on EBUSY");
  // 5. The IOPub socket has no high-water mark.
  assert.ok(has(changed(jupyter, "+"), "new zmq.Publisher({ sendHighWaterMark: 0 })"), "the high-water-mark edit");
});
