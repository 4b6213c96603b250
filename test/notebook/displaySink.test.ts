import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";

test("loading the library does not load tslab (it works outside a kernel)", () => {
  const before = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}tslab${path.sep}`));
  assert.deepEqual(before, []);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const grulab = require("../../src/index");
  assert.equal(typeof grulab.showFigure, "function");
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { kernelSink } = require("../../src/notebook/displaySink");
  const after = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}tslab${path.sep}`));
  assert.deepEqual(after, []);
  assert.throws(() => kernelSink().send({ "text/plain": "x" }), /not running inside a tslab kernel cell or a Deno Jupyter kernel/);
});

test("inside Deno's Jupyter kernel, outputs go through Deno.jupyter.broadcast: display_data, then update_display_data under the display id", async () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { kernelSink } = require("../../src/notebook/displaySink");
  const sent: [string, unknown][] = [];
  const g = globalThis as { Deno?: unknown };
  g.Deno = { jupyter: { broadcast: async (type: string, content: unknown) => { sent.push([type, content]); } } };
  try {
    kernelSink().send({ "text/plain": "a", "text/html": "<b>a</b>" });
    kernelSink().send({ "text/plain": "b" }, { displayId: "live-1" });
    kernelSink().send({ "text/plain": "c" }, { displayId: "live-1", update: true });
  } finally {
    delete g.Deno;
  }
  assert.deepEqual(sent, [
    ["display_data", { data: { "text/plain": "a", "text/html": "<b>a</b>" }, metadata: {}, transient: {} }],
    ["display_data", { data: { "text/plain": "b" }, metadata: {}, transient: { display_id: "live-1" } }],
    ["update_display_data", { data: { "text/plain": "c" }, metadata: {}, transient: { display_id: "live-1" } }],
  ]);
});
