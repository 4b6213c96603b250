import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as dfd from "danfojs-node";
import { lossCurves } from "../../src/charts/lossCurves";
import type { DisplaySink, MimeBundle } from "../../src/notebook/displaySink";
import { show } from "../../src/notebook/show";
import { writeFormatTwoRun } from "../fixtures/formatTwoRun";

function collect(): { sent: MimeBundle[]; sink: DisplaySink } {
  const sent: MimeBundle[] = [];
  return { sent, sink: { send: (b) => void sent.push(b) } };
}

test("show sends a DataFrame as a table, a figure as plotly, a run as its summary", () => {
  const { sent, sink } = collect();
  show(new dfd.DataFrame({ a: [1, 2] }), { sink });
  assert.deepEqual(Object.keys(sent[0]).sort(), ["text/html", "text/plain"]);
  assert.match(sent[0]["text/html"] as string, /<table class="grulab-table">/);
  show(lossCurves([{ epoch: 1, loss: 1, val_loss: 1, acc: 0.5, val_acc: 0.5, seconds: 1 }]), { sink });
  assert.ok(sent.some((b) => "application/vnd.plotly.v1+json" in b), "the figure as plotly JSON");
  const dir = writeFormatTwoRun({ name: "r" });
  show({ dir, name: "r", status: "finished", rows: [] }, { sink });
  assert.match(sent[sent.length - 1]["text/plain"] as string, /^run r\n  status: finished/);
});

test("show of something else says what it takes", () => {
  const { sink } = collect();
  assert.throws(() => show([1, 2], { sink }), /show: expected a danfo DataFrame or Series, a figure \(\{ data, layout \}\) or a run \(from startRun or openRun\), got an array/);
  assert.throws(() => show({ x: 1 }, { sink }), /got an object with keys x/);
  assert.throws(() => show(undefined, { sink }), /got undefined/);
});
