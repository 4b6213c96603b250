import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..", "..");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".test.ts") ? [path.join(dir, e.name)] : []));
}

test("npm run test:unit leaves out exactly the test files marked `// needs: …`", () => {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "test-unit.js"), "--list"], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const listed = new Map(r.stdout.trim().split("\n").map((l) => [l.slice(6).split(" ")[0], l.startsWith("unit")]));
  assert.equal(listed.get("dist/test/util/formatCell.test.js"), true);
  assert.equal(listed.get("dist/test/export/openChartExporter.test.js"), false);
  assert.equal(listed.get("dist/test/notebooks/notebooks.test.js"), false);
  for (const src of sources(path.join(root, "test"))) {
    const rel = path.relative(root, src);
    const marked = /^\/\/ needs: (?!none\b)/m.test(fs.readFileSync(src, "utf8"));
    assert.equal(listed.get(path.join("dist", rel).replace(/\.ts$/, ".js")), !marked, rel);
  }
});

test("a test file that opens a browser or a Jupyter kernel says so with `// needs: …`", () => {
  const unmarked = sources(path.join(root, "test")).filter((src) => !src.endsWith(path.join("scripts", "testUnit.test.ts"))).filter((src) => {
    const text = fs.readFileSync(src, "utf8");
    // A call of grulab's own exporters (not a run's optional exportChart, which tolerates a missing
    // browser; not writeReport with pdf: false on the same line, which writes HTML only).
    const calls = text.split("\n").filter((line) => !/(^|[^.\w])writeReport\(.*pdf: false/.test(line)).join("\n");
    return /fixtures\/browser"|support\/jupyter\w*"|(^|[^.\w])(openChartExporter|exportChart|writeReport|runTutorial)\(|pdf: true/m.test(calls) && !/^\/\/ needs: /m.test(text);
  });
  assert.deepEqual(unmarked.map((f) => path.relative(root, f)), []);
});
