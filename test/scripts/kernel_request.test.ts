// needs: jupyter
// Completion (Tab) and inspection (Shift-Tab) in the grulab kernel through the Jupyter protocol:
// scripts/kernel_request.py sends complete_request / inspect_request with jupyter_client from the
// pinned environment. The reference is independent of tslab: TypeScript's compiler API reads the
// public surface and the doc comments from src/index.ts (test/support/publicApi).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { jupyterEnv, runScript, tempDir } from "../support/jupyterScripts";
import { publicApi } from "../support/publicApi";

interface Reply { request: string; code: string; reply: { status: string; matches?: string[]; found?: boolean; data?: Record<string, string> } }

const IMPORT = 'import * as grulab from "grulab";';

test("grulab. completes to exactly the public API, and Shift-Tab on every documented function shows its doc comment", () => {
  const { names, docs } = publicApi();
  assert.ok(names.length >= 20 && docs.size >= 10, `src/index.ts: ${names.length} runtime exports, ${docs.size} documented functions`);
  const dir = tempDir("kernel-request");
  try {
    const args = ["--run", IMPORT, "--complete", "grulab.", "--complete", "grulab.lossCur"];
    for (const name of docs.keys()) args.push("--inspect", `grulab.${name}`);
    args.push("--inspect", "grulab.noSuchFunction");
    const r = runScript("kernel_request.py", args, jupyterEnv(dir));
    assert.equal(r.status, 0, r.stderr);
    const replies = JSON.parse(r.stdout) as Reply[];
    const [all, partial, ...inspected] = replies;
    assert.deepEqual([...all.reply.matches!].sort(), [...names].sort(), "completion lists the runtime exports, nothing else");
    assert.equal(partial.reply.matches?.[0], "lossCurves");
    const missing = inspected.slice(0, -1).filter((x) => {
      const text = x.reply.data?.["text/plain"] ?? "";
      return !(x.reply.found && text.includes(docs.get(x.code.slice("grulab.".length))!));
    });
    assert.deepEqual(missing.map((x) => `${x.code}: ${JSON.stringify(x.reply.data)}`), [], "inspect shows the doc comment");
    // The signature comes with it: what Shift-Tab shows is "function lossCurves(history: ...".
    const loss = inspected.find((x) => x.code === "grulab.lossCurves");
    if (loss) assert.match(loss.reply.data!["text/plain"], /function lossCurves\(/);
    // tslab answers an unknown member with found: true and its type, "any": no doc comment there.
    const none = inspected[inspected.length - 1].reply.data?.["text/plain"] ?? "";
    assert.ok(![...docs.values()].some((d) => none.includes(d)), `unknown name: ${none}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("kernel_request.py without a request stops with a usage message, before any kernel starts", () => {
  const dir = tempDir("kernel-request-usage");
  try {
    const r = runScript("kernel_request.py", ["--run", IMPORT], jupyterEnv(dir));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nothing to ask: give --complete CODE or --inspect CODE/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a cell printing 2,000 lines at once: the kernel sends every line in order and answers the next request", () => {
  // zeromq 6 sends 512 messages of a socket synchronously, then delays one and refuses the next
  // ("Socket is busy writing"); tslab 1.0.22 alone lost the output here and never replied (a timeout).
  const dir = tempDir("kernel-burst");
  try {
    const out = `${dir}/stdout.txt`;
    const r = runScript("kernel_request.py", ["--timeout", "60", "--run", "for (let i = 0; i < 2000; i++) console.log(`line ${i}`);",
      "--run-stdout", out, "--complete", "Mat"], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stderr);
    const lines = fs.readFileSync(out, "utf8").split("\n").filter((l) => l.length > 0);
    assert.equal(lines.length, 2000);
    assert.deepEqual(lines, Array.from({ length: 2000 }, (_, i) => `line ${i}`));
    const [complete] = JSON.parse(r.stdout) as Reply[];
    assert.ok(complete.reply.matches?.includes("Math"), JSON.stringify(complete.reply));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
