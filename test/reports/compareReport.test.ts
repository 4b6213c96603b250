// needs: chromium
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compareReport } from "../../src/reports/compareReport";
import { classifierHistory, writeFormatTwoRun } from "../fixtures/formatTwoRun";

function twoRuns(): [string, string, string] {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-compare-"));
  const a = writeFormatTwoRun({ name: "a", config: { units: 8, note: 'say "hi", then' }, history: classifierHistory(3, 2), metrics: { test: { accuracy: 0.7 }, baselines: [] } }, parent);
  const b = writeFormatTwoRun({ name: "b", config: { units: 16, note: "x" }, history: classifierHistory(2, 1), metrics: null }, parent);
  return [parent, a, b];
}

test("compareReport writes the page, the table as CSV (quoted, empty where absent) and a PDF through Chromium", async () => {
  const [parent, a, b] = twoRuns();
  const lines: string[] = [];
  const out = path.join(parent, "sub", "cmp.html");
  const r = await compareReport([a, b], out, { pdf: true, log: (l) => lines.push(l) });
  assert.equal(r.html, out);
  assert.ok(fs.readFileSync(out, "utf8").startsWith("<!DOCTYPE html>"));
  assert.equal(fs.readFileSync(r.csv, "utf8"), 'run,status,units,note,test_accuracy,epochs_run\na,finished,8,"say ""hi"", then",0.7,3\nb,finished,16,x,,2\n');
  assert.equal(r.pdf, path.join(parent, "sub", "cmp.pdf"));
  assert.equal(fs.readFileSync(r.pdf as string).subarray(0, 5).toString(), "%PDF-");
  assert.deepEqual(lines.map((l) => l.split(" ")[1]), ["wrote", "wrote"]);
});

test("compareReport: without Chromium the page is still written with a note; a non-.html file is an error", async () => {
  const [parent, a, b] = twoRuns();
  const saved = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = "/nonexistent/chromium";
  try {
    const r = await compareReport([a, b], path.join(parent, "c.html"), { log: () => {} });
    assert.equal(r.pdf, null);
    assert.match(r.note ?? "", /compare: no PDF\. .*\/nonexistent\/chromium/);
    assert.ok(fs.existsSync(r.html));
    await assert.rejects(compareReport([a, b], path.join(parent, "c.pdf"), { pdf: false }), /compareReport: file must be an \.html path, got ".*c\.pdf"/);
  } finally {
    if (saved === undefined) delete process.env.GRULAB_CHROMIUM;
    else process.env.GRULAB_CHROMIUM = saved;
  }
});
