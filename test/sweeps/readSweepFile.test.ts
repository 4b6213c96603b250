import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { readSweepFile } from "../../src/sweeps/readSweepFile";
import { tempFolder } from "../support/tempFolder";

test("readSweepFile: the name, the rest as the definition, the file's folder as base (a relative path is made absolute)", (t) => {
  const dir = tempFolder(t, "sweepfile");
  const sweep = { name: "cells", trial: { module: "./mine.js", export: "f" }, space: { seed: [1, 2] }, metric: "val_loss", mode: "min", scheduler: "grid", budget: { epochs: 2 }, seed: 7 };
  fs.writeFileSync(path.join(dir, "s.json"), JSON.stringify(sweep, null, 2));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const { name: _n, ...definition } = sweep;
    assert.deepEqual(readSweepFile("s.json"), { name: "cells", definition, base: dir });
  } finally {
    process.chdir(cwd);
  }
});

test("readSweepFile: bad JSON names the file, the line and column (1-based, as an editor counts) of the first bad character", (t) => {
  const dir = tempFolder(t, "sweepfile");
  const file = path.join(dir, "bad.json");
  const cases: Array<[string, string]> = [
    ['{\n  "name": "x",\n  "space": { "units": [8,] }\n}\n', "line 3, column 26"], // the ] after a comma
    ['{\n  "name": "x"\n  "metric": "val_loss"\n}', "line 3, column 3"], // a missing comma: the next key
    ['{ "name": "x", }', "line 1, column 16"], // a trailing comma before }
    ['{ "name": "x\n" }', "line 1, column 13"], // a string broken by a newline
    ['{ "name": \'x\' }', "line 1, column 11"], // single quotes
    ['{ "name": "x" } extra', "line 1, column 17"], // something after the object
    ["", "line 1, column 1"],
  ];
  for (const [text, at] of cases) {
    fs.writeFileSync(file, text);
    assert.throws(() => readSweepFile(file), (err: Error) => err.message.startsWith(`${file}: ${at}: not valid JSON (`), `${JSON.stringify(text)} → ${at}`);
  }
});

test("readSweepFile: a missing file, a non-object, an unknown key and a missing name are errors naming the file and what a sweep file has", (t) => {
  const dir = tempFolder(t, "sweepfile");
  const file = path.join(dir, "s.json");
  assert.throws(() => readSweepFile(file), { message: `${file}: no such sweep file` });
  fs.writeFileSync(file, "[1]");
  assert.throws(() => readSweepFile(file), { message: `${file}: expected a JSON object with name, trial, space, metric, mode, scheduler, budget, seed` });
  fs.writeFileSync(file, JSON.stringify({ name: "x", epochs: 3 }));
  assert.throws(() => readSweepFile(file), { message: `${file}: unknown key "epochs": a sweep file has name, trial, space, metric, mode, scheduler, budget, seed` });
  fs.writeFileSync(file, JSON.stringify({ space: {} }));
  assert.throws(() => readSweepFile(file), { message: `${file}: "name" is undefined, expected the sweep's name (letters, digits, _ . -)` });
});
