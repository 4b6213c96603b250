import { test } from "node:test";
import * as assert from "node:assert/strict";
import { lossCurves, showFigure } from "../../src/index";
import { plotlyLoaderHtml } from "../../src/notebook/loadPlotly";
import { type DisplaySink, type MimeBundle } from "../../src/notebook/displaySink";

const rows = [
  { epoch: 1, loss: 1.2, val_loss: 1.3, acc: 0.4, val_acc: 0.35, seconds: 2 },
  { epoch: 2, loss: 0.9, val_loss: 1.0, acc: 0.55, val_acc: 0.5, seconds: 2 },
];

test("showFigure loads plotly.js with the first figure only, and every figure gets its own element", () => {
  const sent: MimeBundle[] = [];
  const sink: DisplaySink = { send: (bundle) => void sent.push(bundle) };
  showFigure(lossCurves(rows), { sink });
  showFigure(lossCurves(rows), { sink });
  assert.equal(sent.length, 3, "loader + 2 figures");
  assert.equal(sent[0]["text/html"], plotlyLoaderHtml());
  const ids = sent.slice(1).map((b) => /<div id="([^"]+)"/.exec(b["text/html"] as string)![1]);
  assert.notEqual(ids[0], ids[1]);
  const plotly = sent[1]["application/vnd.plotly.v1+json"] as { data: Array<{ y: number[] }> };
  assert.deepEqual(plotly.data[0].y, [1.2, 0.9], "train loss drawn from the rows");
});

test("outside a tslab kernel showFigure says where it works", () => {
  assert.throws(() => showFigure(lossCurves(rows)), /not running inside a tslab kernel.*figureToHtml or exportChart/);
});
