import { test } from "node:test";
import * as assert from "node:assert/strict";
import { choice, int, logUniform, uniform } from "../../src/sweeps/searchSpace";
import { spaceConfigs } from "../../src/sweeps/spaceConfigs";

test("spaceConfigs grid: every combination of lists, choice and int values, in order; continuous options sampled within bounds", () => {
  const grid = spaceConfigs({ cell: ["gru", "lstm"], layers: int(1, 2), act: choice(["tanh"]), lr: logUniform(1e-4, 1e-2) }, { search: "grid" });
  assert.deepEqual(grid.map((c) => `${c.cell} ${c.layers} ${c.act}`), ["gru 1 tanh", "gru 2 tanh", "lstm 1 tanh", "lstm 2 tanh"]);
  for (const c of grid) assert.ok((c.lr as number) >= 1e-4 && (c.lr as number) <= 1e-2);
  assert.deepEqual(spaceConfigs({ seed: [1, 1, 2] }, { search: "grid" }), [{ seed: 1 }, { seed: 2 }], "a repeated config is one trial");
});

test("spaceConfigs random: budget.trials configs, seeded; log-uniform spreads over decades", () => {
  const space = { units: [8, 16, 32], lr: logUniform(1e-4, 1e-1), dropout: uniform(0, 0.5) };
  const a = spaceConfigs(space, { search: "random", trials: 400, seed: 7 });
  assert.deepEqual(spaceConfigs(space, { search: "random", trials: 400, seed: 7 }), a);
  assert.notDeepEqual(spaceConfigs(space, { search: "random", trials: 400, seed: 8 }), a);
  assert.equal(a.length, 400);
  const decades = [0, 0, 0];
  for (const c of a) decades[Math.min(2, Math.floor(Math.log10(c.lr as number) + 4))]++;
  for (const n of decades) assert.ok(n > 100, `about a third in each decade: ${decades}`);
  assert.ok(a.every((c) => [8, 16, 32].includes(c.units as number) && (c.dropout as number) >= 0 && (c.dropout as number) < 0.5));
});
