// Every hint a message gives names something that exists in a user's project: each
// `grulab.NAME(` in a string of src/ is a runtime export of the "grulab" entry point, each
// `npx grulab COMMAND` is a command of the CLI, each file of grulab's a message names is shipped
// in the package, and no message tells a user to run what only grulab's repository has.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as net from "net";
import { loadCommands } from "../../src/cli/loadCommands";
import { redisOption } from "../../src/cli/redisOption";
import { instantiateWasmKernel } from "../../src/kernels/wasmKernel";
import { checkRedis } from "../../src/sweeps/queue/checkRedis";
import { redisTarget } from "../../src/sweeps/queue/redisTarget";
import { START_REDIS } from "../../src/sweeps/queue/startRedis";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SRC = path.join(ROOT, "src");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { files: string[]; scripts: Record<string, string> };

/** Whether package.json's `files` ships `file` (a path relative to the package): an entry naming it, its folder ("dir/"), or a `*` pattern over it. */
function shipped(file: string): boolean {
  const included = (entry: string) => entry === file || (entry.endsWith("/") && file.startsWith(entry)) ||
    new RegExp(`^${entry.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*\*\//g, "\0").replace(/\*/g, "[^/]*").replace(/\0/g, "(?:.*/)?")}$`).test(file);
  return PACKAGE.files.some((e) => !e.startsWith("!") && included(e)) && !PACKAGE.files.some((e) => e.startsWith("!") && included(e.slice(1)));
}

/** The string and template literals of the TypeScript files under src/ and of bin/grulab.js (comments left out; `file` relative to src/). */
function hintTexts(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith(".ts") || file === path.join(ROOT, "bin", "grulab.js")) {
        const code = fs.readFileSync(file, "utf8").replace(/\/\*[^]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
        for (const m of code.matchAll(/"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) out.push({ file: path.relative(SRC, file), text: m[0] });
      }
    }
  };
  walk(SRC);
  walk(path.join(ROOT, "bin"));
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

test("every file of grulab's a message names (scripts/…, docs/…, src/…, notebooks/…) exists and is shipped in the package", () => {
  assert.ok(shipped("scripts/redis.sh") && shipped("docs/sweeps.md") && !shipped("scripts/system-deps.sh") && !shipped("dist/src/index.js.map"), "the matcher of `files`");
  const named = hintTexts().flatMap(({ file, text }) => [...text.matchAll(/(?<![\w./-])((?:scripts|docs|src|notebooks|datasets|bin)\/[\w./-]*\.\w+)/g)].map((m) => ({ file, path: m[1] })));
  assert.ok(named.some((n) => n.path === "docs/sweeps.md"), "the scan finds the paths");
  assert.deepEqual(named.filter((n) => !fs.existsSync(path.join(ROOT, n.path)) || !shipped(n.path)).map((n) => `${n.file}: ${n.path}`), []);
});

test("no message tells a user to run what only grulab's repository has (npm run, npm ci, .venv/, ../dist, bash scripts/) unless it says so", () => {
  const repositoryOnly = /npm run |npm ci\b|\.venv\/|\.\.\/dist\b|bash scripts\//;
  const hits = hintTexts().filter(({ text }) => repositoryOnly.test(text));
  assert.deepEqual(hits.filter(({ text }) => !/in a checkout of grulab's repository/.test(text)).map((h) => `${h.file}: ${h.text}`), []);
  assert.throws(() => instantiateWasmKernel("nosuch", "x"), /is missing: grulab's package ships it, so reinstall grulab \(npm install grulab\); in a checkout of grulab's repository, npm run build makes it$/);
});

test("`npm rebuild grulab` in a message rebuilds the native kernels: the install script runs a shipped file", () => {
  assert.ok(hintTexts().some(({ text }) => text.includes("npm rebuild grulab")), "the scan finds the hint");
  const script = /^node (\S+)/.exec(PACKAGE.scripts.install ?? "");
  assert.ok(script && /build-kernels/.test(script[1]), `scripts.install: ${PACKAGE.scripts.install}`);
  assert.ok(shipped(script[1]) && fs.existsSync(path.join(ROOT, script[1])), `${script[1]} is shipped`);
});

test("the Redis hints name the shipped scripts/redis.sh by its absolute path, in the messages a user meets", async () => {
  const script = path.join(ROOT, "scripts", "redis.sh");
  assert.equal(START_REDIS, `bash ${script}`);
  assert.ok(fs.existsSync(script) && shipped("scripts/redis.sh"));
  const saved = process.env.GRULAB_REDIS_URL;
  delete process.env.GRULAB_REDIS_URL;
  try {
    assert.throws(() => redisOption.value({}, true), (e: Error) => e.message.endsWith(`the GRULAB_REDIS_URL line that ${START_REDIS} prints`));
  } finally {
    if (saved !== undefined) process.env.GRULAB_REDIS_URL = saved;
  }
  assert.ok(redisOption.spec.doc.includes(START_REDIS));
  assert.throws(() => redisTarget("http://x"), (e: Error) => e.message.endsWith(`the GRULAB_REDIS_URL line that ${START_REDIS} prints`));
  // A port nothing listens on: connection refused, and the hint to start a server.
  const port = await new Promise<number>((resolve) => { const srv = net.createServer().listen(0, "127.0.0.1", () => { const p = (srv.address() as net.AddressInfo).port; srv.close(() => resolve(p)); }); });
  await assert.rejects(checkRedis(redisTarget(`redis://:pw@127.0.0.1:${port}`)),
    { message: `Redis at redis://:***@127.0.0.1:${port}: connection refused (is redis-server running there? ${START_REDIS} starts one)` });
});
