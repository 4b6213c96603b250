import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { openSweep } from "../../src/sweeps/openSweep";
import { planSweep } from "../../src/sweeps/planSweep";
import { runSweep } from "../../src/sweeps/runSweep";
import { writeSweepReport } from "../../src/sweeps/writeSweepReport";
import { fakeExecutor } from "../support/fakeExecutor";
import { tempFolder } from "../support/tempFolder";

test("the sweep report: one self-contained page with the status, the best trials in order linking their folders and reports, the hand-computed seed aggregates, and every option value escaped", async (t) => {
  const parent = tempFolder(t, "sweepreport");
  const plan = planSweep("page", { trial: { job: "gru-vs-lstm" }, space: { cell: ["gru", "<i>x</i>"], seed: [1, 2] }, metric: "val_loss", mode: "min", budget: { epochs: 2 } }, { dir: parent });
  // val_loss: gru 0.2, 0.4; <i>x</i> 0.5, 0.7 (seeds 1, 2).
  await runSweep(plan, fakeExecutor({ value: (c) => (c.cell === "gru" ? 0.2 : 0.5) + 0.2 * (Number(c.seed) - 1) }), { progress: "none" });
  const file = writeSweepReport(await openSweep(plan.dir));
  assert.equal(file, path.join(plan.dir, "report.html"));
  const html = fs.readFileSync(file, "utf8");
  assert.match(html, /<title>grulab sweep page<\/title>/);
  assert.match(html, /<p>finished: 4 of 4 trials, 8 epochs trained\.\nTrial: built-in job <code>gru-vs-lstm<\/code>; grid search; budget \{&quot;epochs&quot;:2\}; objective: min val_loss/);
  const id = (cell: string, seed: number) => plan.ids[plan.configs.findIndex((c) => c.cell === cell && c.seed === seed)];
  const li = (cell: string, seed: number, v: string) => `<li><a href="trials/${id(cell, seed)}/">${id(cell, seed)}</a> cell=${cell.replace(/</g, "&lt;").replace(/>/g, "&gt;")} seed=${seed}: val_loss ${v} (epoch 1) — <a href="trials/${id(cell, seed)}/report.html">report</a></li>`;
  assert.ok(html.includes(`<ol>\n${[li("gru", 1, "0.2"), li("gru", 2, "0.4"), li("<i>x</i>", 1, "0.5"), li("<i>x</i>", 2, "0.7")].join("\n")}\n</ol>`), "best first, links to the trial folders");
  // mean ± sample sd over 2 seeds: sd = 0.2 / √2 = 0.1414; 95 % t-interval: mean ± t(0.975, 1 df) · sd / √2 = mean ± 12.706 · 0.1.
  const num = (v: string) => `<td style="text-align:right">${v}</td>`;
  assert.ok(html.includes(`<tr><td>gru</td>${["2", "0.3", "0.1414", "-0.9706", "1.571"].map(num).join("")}</tr>`), "gru over seeds");
  assert.ok(html.includes(`<tr><td>&lt;i&gt;x&lt;/i&gt;</td>${["2", "0.6", "0.1414", "-0.6706", "1.871"].map(num).join("")}</tr>`), "the other cell over seeds");
  assert.ok(!html.includes("<i>x</i>"), "an option's value never reaches the page as markup");
  assert.ok(!/<script[^>]+src=|<link[^>]+href="http/.test(html), "nothing loaded from the network");
  assert.ok(html.includes('Plotly.newPlot("fig" + i'), "the figures are drawn by the inlined plotly");
});
