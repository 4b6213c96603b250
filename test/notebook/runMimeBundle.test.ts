import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { isRun, runMimeBundle } from "../../src/notebook/runMimeBundle";
import { classifierHistory, writeFormatTwoRun } from "../fixtures/formatTwoRun";

test("a run's summary: status with reason, epochs and best epoch, test metrics beside baselines, report when present", () => {
  const dir = writeFormatTwoRun({ name: "gru", history: classifierHistory(5, 3),
    metrics: { test: { accuracy: 0.712, loss: 0.81 }, baselines: [{ name: "majority class (sun)", test: { accuracy: 0.48 } }] } });
  fs.writeFileSync(path.join(dir, "report.html"), "<!DOCTYPE html>");
  const run = { dir, name: "gru", status: "interrupted", task: "classification", info: { reason: "SIGINT during epoch 6" }, history: classifierHistory(5, 3) };
  assert.ok(isRun(run));
  const b = runMimeBundle(run);
  assert.equal(b["text/plain"], [
    "run gru",
    "  status: interrupted (SIGINT during epoch 6)",
    "  task: classification",
    `  folder: ${dir}`,
    "  epochs: 5 (best 3: val_loss 1)",
    "  test: accuracy 0.712, loss 0.81",
    "  baseline majority class (sun): accuracy 0.48, loss —",
  ].join("\n"));
  const html = b["text/html"] as string;
  assert.match(html, /<td>model<\/td><td style="text-align:right">0\.712<\/td><td style="text-align:right">0\.81<\/td>/);
  assert.match(html, /<td>majority class \(sun\)<\/td><td style="text-align:right">0\.48<\/td><td>—<\/td>/);
  assert.ok(html.includes(`Report: <code>${path.join(dir, "report.html")}</code>`));
});

test("a run without metrics says so; metrics on the object win over the folder's", () => {
  const dir = writeFormatTwoRun({ name: "new", history: [], metrics: null });
  const b = runMimeBundle({ dir, name: "new", status: "running", rows: [] });
  assert.match(b["text/plain"] as string, /epochs: 0\n  no test metrics yet$/);
  const withMetrics = runMimeBundle({ dir, name: "new", status: "finished", rows: [], metrics: { test: { mae: 1.25 }, baselines: [] } });
  assert.match(withMetrics["text/plain"] as string, /test: mae 1\.25$/);
  assert.equal(isRun({ dir, name: "x" }), false);
});
