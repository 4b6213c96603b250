import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend, lstm, openRun, saturation, simpleRnn, startRun, traceGates } from "../../src/index";
import { traceValues, writeTraces } from "../../src/advanced/index";
import { writeReport } from "../../src/reports/writeReport";
import { readRunTraces } from "../../src/runs/readRunTraces";
import { seededArray } from "../support/float64Gru";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

test("writeTraces writes gates.csv, gates.json, saturation.csv and inputs.csv that parse back to the same numbers", () => {
  const [S, T, D, H] = [2, 4, 3, 2];
  const model = tf.sequential({ layers: [gru({ units: H, inputShape: [T, D] })] });
  const values = seededArray([S, T, D], 1) as number[][][];
  const traces = traceGates(model, tf.tensor3d(values));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-traces-"));
  const written = writeTraces(traces, dir, { inputs: { features: ["a", "b,c", "d"], values } });
  assert.deepEqual(written.map((f) => path.basename(f)), ["gates.csv", "gates.json", "saturation.csv", "inputs.csv"]);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["gates.csv", "gates.json", "inputs.csv", "saturation.csv"]);

  const gates = fs.readFileSync(path.join(dir, "gates.csv"), "utf8").trim().split("\n");
  assert.equal(gates[0], "layer,sample,t,unit,z,r,hTilde,h");
  assert.equal(gates.length, 1 + S * T * H);
  const tr = traces.layers[0];
  assert.ok(tr.cell === "gru");
  gates.slice(1).forEach((line, i) => {
    const c = line.split(",");
    assert.deepEqual(c.slice(0, 4), [tr.layer, String(Math.floor(i / (T * H))), String(Math.floor(i / H) % T), String(i % H)]);
    assert.deepEqual(c.slice(4).map((v) => Math.fround(Number(v))), [tr.z[i], tr.r[i], tr.hTilde[i], tr.h[i]], `gates.csv row ${i + 2}`);
  });

  const json = JSON.parse(fs.readFileSync(path.join(dir, "gates.json"), "utf8"));
  assert.deepEqual(json.layers[0].shape, [S, T, H]);
  assert.equal(Math.fround(json.layers[0].h[1][2][1]), tr.h[(1 * T + 2) * H + 1]);

  const sat = fs.readFileSync(path.join(dir, "saturation.csv"), "utf8").trim().split("\n");
  assert.equal(sat[0], "layer,gate,unit,leftFraction,rightFraction");
  assert.deepEqual(sat.slice(1), saturation(traces).map((r) => `${r.layer},${r.gate},${r.unit},${r.leftFraction},${r.rightFraction}`));

  const inputs = fs.readFileSync(path.join(dir, "inputs.csv"), "utf8").trim().split("\n");
  assert.equal(inputs[0], "sample,t,feature,value");
  assert.equal(inputs.length, 1 + S * T * D);
  assert.equal(inputs[1 + (1 * T + 3) * D + 1], `1,3,"b,c",${values[1][3][1]}`);

  const fresh = path.join(dir, "fresh");
  assert.throws(() => writeTraces(traces, fresh, { inputs: { features: ["a"], values } }), /inputs.values\[0\]\[0\] has 3 features, expected 1/);
  assert.equal(fs.existsSync(fresh), false, "nothing written when the inputs are wrong");
});

test("the written trace folder reads back through the report's readRunTraces (layer names, gates, samples)", async () => {
  const [S, T, D] = [2, 3, 2];
  const model = tf.sequential({ layers: [gru({ units: 2, returnSequences: true, inputShape: [T, D] }), gru({ units: 3 })] });
  const values = seededArray([S, T, D], 4) as number[][][];
  const traces = traceGates(model, tf.tensor3d(values));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-traces-"));
  writeTraces(traces, dir, { inputs: { features: ["a", "b"], values } });
  const read = await readRunTraces(dir);
  assert.equal(read.gates?.length, S * T * 2 + S * T * 3);
  assert.deepEqual([...new Set(read.gates?.map((g) => g.layer))], [model.layers[0].name, model.layers[1].name]);
  const last = read.gates?.[read.gates.length - 1];
  assert.equal(Math.fround(last!.h), traces.layers[1].h[S * T * 3 - 1]);
  assert.deepEqual(read.saturation?.filter((r) => r.layer === model.layers[1].name).map((r) => `${r.gate}${r.unit}`), ["z0", "z1", "z2", "r0", "r1", "r2"]);
  assert.equal(read.inputs?.length, S * T * D);
});

test("a GRU → LSTM → SimpleRNN trace folder: gates.csv fills each layer's own columns (others empty), gates.json per cell, saturation of z, r, i, f, o; it reads back equal", async () => {
  const [S, T, D] = [2, 3, 2];
  const model = tf.sequential({ layers: [gru({ units: 2, returnSequences: true, inputShape: [T, D] }), lstm({ units: 3, returnSequences: true }), simpleRnn({ units: 2 })] });
  const traces = traceGates(model, tf.tensor3d(seededArray([S, T, D], 6) as number[][][]));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-traces-"));
  writeTraces(traces, dir);
  const lines = fs.readFileSync(path.join(dir, "gates.csv"), "utf8").trim().split("\n");
  assert.equal(lines[0], "layer,sample,t,unit,z,r,hTilde,i,f,cTilde,o,c,h");
  assert.equal(lines.length, 1 + S * T * (2 + 3 + 2));
  const [gruRow, lstmRow, rnnRow] = [1, 1 + S * T * 2, 1 + S * T * 5].map((k) => lines[k].split(","));
  assert.deepEqual(gruRow.slice(7, 12), ["", "", "", "", ""], "a GRU row leaves i, f, cTilde, o, c empty");
  assert.deepEqual(lstmRow.slice(4, 7), ["", "", ""], "an LSTM row leaves z, r, hTilde empty");
  assert.deepEqual(rnnRow.slice(4, 12), ["", "", "", "", "", "", "", ""], "a SimpleRNN row fills only h");
  const json = JSON.parse(fs.readFileSync(path.join(dir, "gates.json"), "utf8"));
  assert.deepEqual(json.layers.map((l: { cell: string; columns: string[] }) => [l.cell, l.columns.join()]), [["gru", "z,r,hTilde,h"], ["lstm", "i,f,cTilde,o,c,h"], ["simpleRnn", "h"]]);
  assert.deepEqual(Object.keys(json.layers[1]), ["layer", "cell", "columns", "shape", "goBackwards", "i", "f", "cTilde", "o", "c", "h"]);
  assert.equal(Math.fround(json.layers[1].c[1][2][0]), traceValues(traces.layers[1], "c")[(1 * T + 2) * 3]);
  const read = await readRunTraces(dir);
  assert.deepEqual(read.layers?.map((l) => [l.layer, l.cell]), traces.layers.map((tr) => [tr.layer, tr.cell]));
  let offset = 0;
  for (const tr of traces.layers) {
    const rows = read.gates!.slice(offset, offset + tr.h.length);
    for (const q of tr.columns) assert.deepEqual(rows.map((g) => Math.fround(g[q]!)), Array.from(traceValues(tr, q)), `${tr.layer} ${q}`);
    const others = ["z", "r", "hTilde", "i", "f", "cTilde", "o", "c"].filter((q) => !tr.columns.includes(q as never));
    assert.ok(rows.every((g) => others.every((q) => !(q in g))), `${tr.layer}: no ${others.join(", ")}`);
    offset += tr.h.length;
  }
  assert.deepEqual([...new Set(read.saturation!.map((r) => `${r.layer}:${r.gate}`))],
    [`${traces.layers[0].layer}:z`, `${traces.layers[0].layer}:r`, `${traces.layers[1].layer}:i`, `${traces.layers[1].layer}:f`, `${traces.layers[1].layer}:o`]);
  assert.deepEqual(read.saturation, saturation(traces));
  model.dispose();
});

test("run.traceGates on an LSTM model writes traces/ that openRun reads back with the same numbers, and the report draws i, f, cTilde, o, c, h", async () => {
  const [T, D, H] = [4, 2, 3];
  const model = tf.sequential({ layers: [lstm({ units: H, inputShape: [T, D] }), tf.layers.dense({ units: 2, activation: "softmax" })] });
  const x = tf.tensor3d(seededArray([5, T, D], 8) as number[][][]);
  const run = await startRun("lstm-traces", { classes: ["a", "b"], dir: fs.mkdtempSync(path.join(os.tmpdir(), "grulab-runs-")) });
  const traces = await run.traceGates(model, { x }, { samples: [4, 1], labels: ["fourth", "second"] });
  const back = await openRun(run.dir);
  assert.deepEqual(back.traces?.layers, [{ layer: model.layers[0].name, cell: "lstm", columns: ["i", "f", "cTilde", "o", "c", "h"] }]);
  const tr = traces.layers[0];
  assert.ok(tr.cell === "lstm");
  assert.equal(back.traces!.gates!.length, 2 * T * H);
  for (const q of tr.columns) assert.deepEqual(back.traces!.gates!.map((g) => Math.fround(g[q]!)), Array.from(traceValues(tr, q)), q);
  assert.deepEqual(back.traces!.saturation!.map((r) => r.gate), ["i", "i", "i", "f", "f", "f", "o", "o", "o"]);
  const { html } = await writeReport(run.dir, { pdf: false, log: () => {} });
  const page = fs.readFileSync(html, "utf8");
  for (const label of ["input gate i", "forget gate f", "candidate c̃", "output gate o", "cell state c", "hidden state h"]) {
    assert.ok(page.includes(`${label} (layer ${model.layers[0].name}, sample 0: fourth)`), label);
  }
  assert.ok(!page.includes("update gate z"), "no GRU panels for an LSTM");
  assert.ok(!page.includes("traces/gates.csv is absent") && !page.includes("traces/saturation.csv is absent"));
  x.dispose();
  model.dispose();
});

test("a SimpleRNN-only run: traces/ holds h alone and a saturation.csv with its header only; openRun reads it and the report says there are no gates", async () => {
  const [T, D] = [3, 2];
  const model = tf.sequential({ layers: [simpleRnn({ units: 2, inputShape: [T, D] })] });
  const x = tf.tensor3d(seededArray([2, T, D], 12) as number[][][]);
  const run = await startRun("rnn-traces", { dir: fs.mkdtempSync(path.join(os.tmpdir(), "grulab-runs-")) });
  const traces = await run.traceGates(model, { x });
  assert.equal(fs.readFileSync(path.join(run.dir, "traces", "saturation.csv"), "utf8"), "layer,gate,unit,leftFraction,rightFraction\n");
  assert.equal(fs.readFileSync(path.join(run.dir, "traces", "gates.csv"), "utf8").split("\n")[0], "layer,sample,t,unit,h");
  const back = await openRun(run.dir);
  assert.deepEqual(back.traces?.saturation, []);
  assert.deepEqual(back.traces?.layers?.map((l) => l.cell), ["simpleRnn"]);
  assert.deepEqual(back.traces!.gates!.map((g) => Math.fround(g.h)), Array.from(traces.layers[0].h));
  const page = fs.readFileSync((await writeReport(run.dir, { pdf: false, log: () => {} })).html, "utf8");
  assert.ok(page.includes(`hidden state h (layer ${model.layers[0].name}, sample 1: 1)`));
  assert.ok(page.includes("traces/saturation.csv is absent or empty (SimpleRNN layers have no gates)."));
  assert.ok(page.includes("The traced layers have no gates (SimpleRNN) or traces/gates.csv is absent."));
  x.dispose();
  model.dispose();
});
