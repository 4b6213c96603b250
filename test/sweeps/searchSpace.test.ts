import { test } from "node:test";
import * as assert from "node:assert/strict";
import { choice, int, logUniform, uniform, type SearchSpace } from "../../src/sweeps/searchSpace";
import { spaceConfigs } from "../../src/sweeps/spaceConfigs";

test("the distributions are plain JSON: the space written to sweep.json and read back gives the same configs", () => {
  const space: SearchSpace = { lr: logUniform(1e-4, 1e-2), dropout: uniform(0, 0.5), layers: int(1, 3), cell: choice(["gru", "lstm"]), seed: [1, 2] };
  const read = JSON.parse(JSON.stringify(space)) as SearchSpace;
  for (const search of ["grid", "random"] as const) {
    assert.deepEqual(spaceConfigs(read, { search, trials: 20, seed: 3 }), spaceConfigs(space, { search, trials: 20, seed: 3 }));
  }
});

test("a grid takes every value of int (both ends) and of choice; uniform and logUniform are drawn once per grid point", () => {
  const configs = spaceConfigs({ layers: int(1, 3), cell: choice(["gru", "lstm"]), lr: logUniform(1e-3, 1e-1) }, { search: "grid", seed: 1 });
  assert.deepEqual(configs.map((c) => [c.layers, c.cell]), [[1, "gru"], [1, "lstm"], [2, "gru"], [2, "lstm"], [3, "gru"], [3, "lstm"]]);
  assert.ok(configs.every((c) => (c.lr as number) >= 1e-3 && (c.lr as number) <= 1e-1));
});

test("random draws: uniform is flat on [low, high], logUniform flat in the logarithm (each decade equally likely), int covers low…high", () => {
  const n = 4000;
  const configs = spaceConfigs({ u: uniform(2, 4), l: logUniform(1e-4, 1e-2), k: int(1, 3) }, { search: "random", trials: n, seed: 11 });
  assert.equal(configs.length, n);
  const u = configs.map((c) => c.u as number);
  const l = configs.map((c) => c.l as number);
  const k = configs.map((c) => c.k as number);
  assert.ok(u.every((v) => v >= 2 && v <= 4) && l.every((v) => v >= 1e-4 && v <= 1e-2));
  // Binomial(4000, 1/2): sd 0.0079 of the fraction; 0.03 is almost 4 sd.
  assert.ok(Math.abs(u.filter((v) => v < 3).length / n - 0.5) < 0.03, "half of uniform(2, 4) below 3");
  assert.ok(Math.abs(l.filter((v) => v < 1e-3).length / n - 0.5) < 0.03, "half of logUniform(1e-4, 1e-2) in the first decade (uniform would put 9 %)");
  assert.deepEqual([...new Set(k)].sort(), [1, 2, 3]);
  assert.ok(k.every((v) => Number.isInteger(v)));
  for (const v of [1, 2, 3]) assert.ok(Math.abs(k.filter((x) => x === v).length / n - 1 / 3) < 0.03, `int(1, 3): ${v} a third of the time`);
});
