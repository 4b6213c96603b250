// sweepMimeBundle / isSweep: what a sweep's notebook output says (where it stands, its best
// trial), in which order its parts come, and that its text is escaped.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as dfd from "danfojs-node";
import type { Figure } from "../../src/charts/figure";
import { isSweep, sweepMimeBundle, type SweepLike } from "../../src/notebook/sweepMimeBundle";

const figure = (title: string): Figure => ({ data: [{ type: "scatter", x: [1], y: [2] }], layout: { title: { text: title } } });
function sweep(over: Partial<SweepLike> = {}): SweepLike {
  return {
    kind: "sweep", name: "cells & <lr>", status: "running", metric: "val_loss<1>", mode: "min", options: ["cell"], rows: [],
    results: new dfd.DataFrame({ trial: ["t1", "t2"], val_loss: [0.8123, 0.9] }) as unknown as SweepLike["results"],
    aggregates: new dfd.DataFrame({ cell: ["gru"], mean: [0.85] }) as unknown as SweepLike["aggregates"],
    info: { name: "cells", space: {}, completed: 2, trials: 6, epochsSpent: 40, best: { trialId: "t1", value: 0.81234567, epoch: 7 } },
    ...over,
  };
}

test("isSweep: an object with kind 'sweep', a name and info; nothing else", () => {
  assert.equal(isSweep(sweep()), true);
  assert.equal(isSweep({ ...sweep(), kind: "run" }), false);
  assert.equal(isSweep({ kind: "sweep", name: "x" }), false);
  assert.equal(isSweep({ kind: "sweep", info: {} }), false);
  assert.equal(isSweep(null), false);
  assert.equal(isSweep("sweep"), false);
});

test("one output: the status line with the best trial (5 significant digits), the results, the metric over seeds, then the figures; escaped", () => {
  const b = sweepMimeBundle(sweep(), [figure("parallel"), figure("per option")], "sw-1");
  const line = "sweep cells & <lr>: running, 2 of 6 trials, 40 epochs; best val_loss<1> 0.81235 (trial t1, epoch 7)";
  const text = b["text/plain"] as string;
  assert.ok(text.startsWith(`${line}\n`), text.split("\n")[0]);
  assert.ok(text.indexOf("t2") < text.indexOf("gru"), "results before aggregates");
  const html = b["text/html"] as string;
  assert.ok(html.startsWith('<div class="grulab-sweep">\n<p>sweep cells &amp; &lt;lr>: running, 2 of 6 trials, 40 epochs; best val_loss&lt;1> 0.81235'));
  const at = (s: string) => { const i = html.indexOf(s); assert.ok(i >= 0, `has ${s}`); return i; };
  assert.ok(at("0.8123") < at("val_loss&lt;1> over seeds (mean, sd, 95 % interval):") && at("over seeds") < at("0.85"));
  assert.ok(at("0.85") < at('id="sw-1-0"') && at('id="sw-1-0"') < at('id="sw-1-1"'), "figures last, each its own element id");
  assert.doesNotMatch(html, /<lr>|<1>/);
});

test("a sweep with no finished trial says so without a best", () => {
  const b = sweepMimeBundle(sweep({ status: "queued", info: { ...sweep().info, completed: 0, epochsSpent: 0, best: null } }), [], "sw-2");
  assert.equal((b["text/plain"] as string).split("\n")[0], "sweep cells & <lr>: queued, 0 of 6 trials, 0 epochs");
});
