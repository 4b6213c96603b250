// scripts/prepare.js: a checkout builds; an unpacked, built grulab (what `npm install
// --install-links <folder>` of such a folder packs) is left as it is; a folder with neither fails.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..", "..");

function packageFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-prepare-"));
  fs.mkdirSync(path.join(dir, "scripts"));
  fs.copyFileSync(path.join(root, "scripts", "prepare.js"), path.join(dir, "scripts", "prepare.js"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test("package.json's prepare is scripts/prepare.js, which npm packs with the package", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  assert.equal(pkg.scripts.prepare, "node scripts/prepare.js");
  assert.ok(pkg.files.includes("scripts/prepare.js"));
});

test("a built package without sources: nothing is built and dist/ stays", () => {
  const dir = packageFolder({ "dist/src/index.js": "module.exports = 1;\n", "package.json": "{}" });
  try {
    const r = spawnSync(process.execPath, [path.join(dir, "scripts", "prepare.js")], { cwd: dir, encoding: "utf8", env: { ...process.env, npm_execpath: "/nonexistent/npm-cli.js" } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /a built package \(no sources here\): nothing to build/);
    assert.equal(fs.readFileSync(path.join(dir, "dist", "src", "index.js"), "utf8"), "module.exports = 1;\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("neither sources nor a build: exit 1 naming the folder", () => {
  const dir = packageFolder({ "package.json": "{}" });
  try {
    const r = spawnSync(process.execPath, [path.join(dir, "scripts", "prepare.js")], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} has neither sources \\(tsconfig\\.json\\) nor a build`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a checkout: prepare runs `npm run build` through the npm that runs it", () => {
  // A stand-in npm that records its arguments: the real build is what `npm ci` runs.
  const dir = packageFolder({ "tsconfig.json": "{}", "fake-npm.js": "require('fs').writeFileSync('ran.json', JSON.stringify(process.argv.slice(2)));\n" });
  try {
    const r = spawnSync(process.execPath, [path.join(dir, "scripts", "prepare.js")], { cwd: dir, encoding: "utf8", env: { ...process.env, npm_execpath: path.join(dir, "fake-npm.js") } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "ran.json"), "utf8")), ["run", "build"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
