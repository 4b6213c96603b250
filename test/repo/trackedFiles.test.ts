import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// Checks over every file git tracks: no merge-conflict markers, nothing that points at a folder
// outside the repository that users do not have. Runs where the checkout is a git repository
// (CI clones one); elsewhere each test skips and says why.
const root = path.resolve(__dirname, "../../..");
const isRepo = fs.existsSync(path.join(root, ".git"));

/** `git grep -nE pattern` over tracked files (node_modules is never tracked): the matching lines. */
function gitGrep(pattern: string): string[] {
  const r = spawnSync("git", ["grep", "-nIE", pattern, "--", "."], { cwd: root, encoding: "utf8" });
  if (r.status === 1) return []; // git grep: no match
  if (r.status !== 0) throw new Error(`git grep failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split("\n");
}

const CONFLICT_MARKER = "^(<<<<<<<|>>>>>>>) |^=======$";

test("the conflict-marker pattern finds a marker (so the check below can fail)", () => {
  const re = new RegExp(CONFLICT_MARKER, "m");
  assert.ok(re.test("a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\n"));
  assert.ok(!re.test("a ======= b\n// <<<<<<<x\n"));
});

test("no tracked file holds a merge-conflict marker", { skip: isRepo ? false : "not a git checkout" }, () => {
  // This file names the markers only inside a string: its own lines do not start with one.
  const hits = gitGrep(CONFLICT_MARKER);
  assert.deepEqual(hits, [], `merge-conflict markers committed:\n${hits.join("\n")}`);
});

test("no tracked file refers to the workplace's shared/ folder", { skip: isRepo ? false : "not a git checkout" }, () => {
  const hits = gitGrep("(\\.\\./|/work/)shared/").filter((line) => !line.startsWith("test/repo/trackedFiles.test.ts:"));
  assert.deepEqual(hits, [], `files that point outside the repository:\n${hits.join("\n")}`);
});
