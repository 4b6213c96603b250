import { test } from "node:test";
import * as assert from "node:assert/strict";
import { type Figure } from "../../src/index";
import { figureMimeBundle } from "../../src/notebook/figureMimeBundle";

const figure: Figure = {
  data: [{ type: "scatter", name: "</script><img src=x onerror=alert(1)>", x: [1, 2, 3], y: [3, 1, 2] }],
  layout: { title: { text: "loss & <accuracy>" } },
};

test("a figure output holds the plotly mime type, a waiting HTML view and a text line, without the plotly bundle", () => {
  const bundle = figureMimeBundle(figure, "fig-1", { height: 300 });
  assert.deepEqual(Object.keys(bundle).sort(), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
  assert.deepEqual(bundle["application/vnd.plotly.v1+json"], {
    data: figure.data, layout: { height: 300, title: { text: "loss & <accuracy>" } },
  });
  const html = bundle["text/html"] as string;
  assert.match(html, /<div id="fig-1" class="grulab-figure"/);
  assert.match(html, /plotly figure “loss &amp; &lt;accuracy&gt;”: drawn where scripts run/, "an escaped placeholder");
  assert.match(html, /window\.addEventListener\("grulab:plotly-ready", draw/);
  assert.ok(html.length < 5000, `a small figure stays small (${html.length} chars)`);
  assert.doesNotMatch(html, /plotly\.js v\d/, "no copy of the bundle");
  assert.equal(bundle["text/plain"], "plotly figure: loss & <accuracy> (1 traces)");
});

test("strings from data cannot close the script element or inject markup", () => {
  const html = figureMimeBundle(figure, 'x" onload="alert(1)')["text/html"] as string;
  assert.equal(html.match(/<\/script>/g)?.length, 1, "only the closing tag of the figure's own script");
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /id="x&quot; onload=&quot;alert\(1\)"/);
  // The figure JSON inside the script still parses back to the same data.
  const json = /var figure = (.*);\n/.exec(html)![1];
  assert.equal(JSON.parse(json).data[0].name, figure.data[0].name);
});
