import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { readRunTraces } from "../../src/runs/readRunTraces";
import { makeRunFolder, XSS } from "../fixtures/makeRunFolder";

test("readRunTraces reads gates, saturation and inputs rows with their types", async () => {
  const dir = path.join(makeRunFolder({ layers: 2, samples: 2, T: 4, H: 3 }), "traces");
  const t = await readRunTraces(dir);
  assert.equal(t.gates!.length, 2 * 2 * 4 * 3);
  const g = t.gates![5];
  // Row 6 of gates.csv, read independently as text.
  const line = fs.readFileSync(path.join(dir, "gates.csv"), "utf8").split("\n")[6].split(",");
  assert.deepEqual([g.layer, g.sample, g.t, g.unit, g.z, g.r, g.hTilde, g.h], [line[0], ...line.slice(1).map(Number)]);
  assert.equal(g.layer, "gru", "layers are names");
  assert.equal(t.saturation!.length, 2 * 2 * 3, "layers × gates (z, r) × units");
  assert.deepEqual(new Set(t.saturation!.map((s) => s.gate)), new Set(["z", "r"]));
  assert.equal(t.inputs!.length, 2 * 4 * 2);
  assert.deepEqual([...new Set(t.inputs!.map((i) => i.feature))], ["temp", XSS], "quoted feature names survive");
  assert.deepEqual(t.samples, [{ sample: 0, class: "rain", targetDate: "2015-01-15" }, { sample: 1, class: "sun", targetDate: "2015-02-15" }]);
});

test("readRunTraces gives null for absent files and names file, line, column of bad values", async () => {
  const dir = path.join(makeRunFolder({ samples: 1, T: 2, H: 2 }), "traces");
  fs.rmSync(path.join(dir, "inputs.csv"));
  assert.equal((await readRunTraces(dir)).inputs, null);
  fs.appendFileSync(path.join(dir, "saturation.csv"), "0,q,0,0.1,0.2\n");
  await assert.rejects(readRunTraces(dir), /saturation\.csv: line 6, column "gate": "q" is not z or r/);
  fs.writeFileSync(path.join(dir, "gates.csv"), "layer,sample,t,unit,z,r,hTilde\n0,0,0,0,0.5,0.5,0\n");
  await assert.rejects(readRunTraces(dir), /gates\.csv: missing column "h"/);
});

test("readRunTraces reads an LSTM and a SimpleRNN layer's rows (empty cells for the GRU's columns) and names a row whose filled columns fit no cell", async () => {
  const dir = path.join(makeRunFolder({ samples: 1, T: 1, H: 1 }), "traces");
  const header = "layer,sample,t,unit,z,r,hTilde,i,f,cTilde,o,c,h";
  const rows = ["gru,0,0,0,0.5,0.25,0.1,,,,,,0.3", "lstm,0,0,0,,,,0.75,0.5,-0.5,0.25,1.5,0.125", "rnn,0,0,0,,,,,,,,,-0.25"];
  fs.writeFileSync(path.join(dir, "gates.csv"), [header, ...rows].join("\n") + "\n");
  const t = await readRunTraces(dir);
  assert.deepEqual(t.layers?.map((l) => [l.layer, l.cell, l.columns.join()]), [["gru", "gru", "z,r,hTilde,h"], ["lstm", "lstm", "i,f,cTilde,o,c,h"], ["rnn", "simpleRnn", "h"]]);
  assert.deepEqual(t.gates, [
    { layer: "gru", sample: 0, t: 0, unit: 0, z: 0.5, r: 0.25, hTilde: 0.1, h: 0.3 },
    { layer: "lstm", sample: 0, t: 0, unit: 0, i: 0.75, f: 0.5, cTilde: -0.5, o: 0.25, c: 1.5, h: 0.125 },
    { layer: "rnn", sample: 0, t: 0, unit: 0, h: -0.25 },
  ]);
  fs.writeFileSync(path.join(dir, "gates.csv"), [header, rows[0], "lstm,0,0,0,0.5,,,0.75,0.5,-0.5,0.25,1.5,0.125"].join("\n") + "\n");
  await assert.rejects(readRunTraces(dir), /gates\.csv: line 3: layer "lstm" fills columns z,i,f,cTilde,o,c,h; expected one cell's: z,r,hTilde,h \(gru\), i,f,cTilde,o,c,h \(lstm\), h \(simpleRnn\)/);
  fs.writeFileSync(path.join(dir, "gates.csv"), [header, rows[0], "gru,0,1,0,,,,,,,,,0.5"].join("\n") + "\n");
  await assert.rejects(readRunTraces(dir), /gates\.csv: line 3: layer "gru" fills simpleRnn's columns \(h\), its earlier rows gru's/);
  fs.writeFileSync(path.join(dir, "gates.csv"), [header, "lstm,0,0,0,,,,0.75,0.5,oops,0.25,1.5,0.125"].join("\n") + "\n");
  await assert.rejects(readRunTraces(dir), /gates\.csv: line 2, column "cTilde": expected a number or an empty cell, got "oops"/);
  fs.appendFileSync(path.join(dir, "saturation.csv"), "lstm,f,0,0.1,0.2\n");
  fs.rmSync(path.join(dir, "gates.csv"));
  assert.equal((await readRunTraces(dir)).saturation?.at(-1)?.gate, "f", "the LSTM's gates are saturation gates");
});
