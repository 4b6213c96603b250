import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { grulabVersion } from "../../src/studies/grulabVersion";
import { writeStudyResults } from "../../src/studies/writeStudyResults";

test("writeStudyResults writes <study>.json that parses back, each array of numbers on one line", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-results-"));
  try {
    const results = { study: "x", seeds: [1, 2, 3], forecasts: [[1.5, -2e-7, 3], [4, 5, 6]], names: ["a", "b"], empty: [], nested: { p: 0.25 } };
    const file = writeStudyResults("x", results, dir);
    assert.equal(file, path.join(dir, "x.json"));
    const text = fs.readFileSync(file, "utf8");
    assert.deepEqual(JSON.parse(text), results);
    assert.ok(text.includes('"seeds": [1,2,3]'), text);
    assert.ok(text.includes("[1.5,-2e-7,3]"), text);
    assert.ok(text.includes('"names": [\n'), text); // strings keep one per line
    assert.ok(text.endsWith("}\n"));
    assert.equal(grulabVersion(), JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8")).version);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
