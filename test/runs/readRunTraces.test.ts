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
