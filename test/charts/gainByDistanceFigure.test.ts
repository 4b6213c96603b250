import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gainByDistanceFigure } from "../../src/charts/gainByDistanceFigure";
import { gainByOpenerDistance } from "../../src/traces/gainByOpenerDistance";

test("gainByDistanceFigure: one trace per series over the bins in distance order (the bin without an opener last), error bars from the intervals", () => {
  const text = "{a}x(bbbbbbbb)y}z{{c}}";
  const model = new Array(text.length - 1).fill(-1);
  const ngram = model.map((_, i) => -1 - (i % 3) / 2);
  const t = gainByOpenerDistance(text, model, ngram, { edges: [1, 2, 4, 8] });
  const fig = gainByDistanceFigure([{ name: "closing <b>", bins: t.closing }, { name: "all", bins: t.all }], { ngramName: "20-gram" });
  assert.equal(fig.data.length, 3);
  const [closing, all] = fig.data;
  assert.equal(closing.name, "closing &lt;b&gt;");
  assert.deepEqual(closing.x, t.closing.map((b) => b.label));
  assert.deepEqual(closing.y, t.closing.map((b) => b.meanGain));
  assert.deepEqual((closing.error_y as { array: number[] }).array, t.closing.map((b) => b.high - b.meanGain));
  assert.deepEqual(all.x, t.all.map((b) => b.label));
  const axis = (fig.layout.xaxis as { categoryarray: string[] }).categoryarray;
  assert.deepEqual(axis, ["1", "2–3", "4–7", "≥ 8", "unmatched", "no pending opener"].filter((l) => axis.includes(l)));
  assert.equal(axis[0], "1");
  assert.match(String((fig.layout.title as { text: string }).text), /saved against 20-gram/);
  assert.throws(() => gainByDistanceFigure([]), /no series/);
});
