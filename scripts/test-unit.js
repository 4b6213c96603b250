#!/usr/bin/env node
// `npm run test:unit`: the compiled tests that need no system package, for a quick loop. A test
// file that needs one says so in a line `// needs: chromium` or `// needs: jupyter` (its .ts
// source); those are left out here and run by `npm test` (scripts/test.sh), the whole suite.
// `// needs: none (why)` keeps a file that only looks like it needs one (test/scripts/testUnit.test.ts checks).
// GRULAB_CHROMIUM points nowhere while these run, so a unit test that secretly needs Chromium fails.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.join(__dirname, "..");
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const compiled = walk(path.join(root, "dist", "test")).filter((f) => f.endsWith(".test.js")).sort();
const needs = (file) => {
  const source = path.join(root, path.relative(path.join(root, "dist"), file)).replace(/\.js$/, ".ts");
  const m = fs.existsSync(source) ? /^\/\/ needs: (.+)$/m.exec(fs.readFileSync(source, "utf8")) : null;
  // "// needs: none (why)" says a file that looks like it needs a browser does not.
  return m && !/^none\b/.test(m[1].trim()) ? m[1].trim() : null;
};
const unit = compiled.filter((f) => needs(f) === null);
const left = compiled.length - unit.length;
if (process.argv.includes("--list")) {
  for (const f of compiled) console.log(`${needs(f) === null ? "unit " : "needs"} ${path.relative(root, f)}${needs(f) ? ` (${needs(f)})` : ""}`);
  process.exit(0);
}
console.log(`test:unit: ${unit.length} test files (${left} that need Chromium or Jupyter left to npm test)`);
const r = spawnSync(process.execPath, ["--test", "--test-reporter=spec", "--test-concurrency=1", ...unit], {
  cwd: root, stdio: "inherit", env: { ...process.env, GRULAB_CHROMIUM: "/nonexistent/chromium (npm run test:unit needs none)" },
});
process.exit(r.status ?? 1);
