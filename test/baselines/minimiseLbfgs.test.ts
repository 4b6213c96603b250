import { test } from "node:test";
import * as assert from "node:assert/strict";
import { minimiseLbfgs } from "../../src/baselines/minimiseLbfgs";

test("minimiseLbfgs finds the minimum of the Rosenbrock function (1, 1) and of a quadratic", () => {
  const theta = new Float64Array([-1.2, 1]);
  const r = minimiseLbfgs(theta, (t, g) => {
    const [x, y] = t;
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    g[1] = 200 * (y - x * x);
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  }, 1e-10, 1000, "rosenbrock");
  assert.ok(Math.abs(theta[0] - 1) < 1e-8 && Math.abs(theta[1] - 1) < 1e-8, `${theta}`);
  assert.ok(r.objective < 1e-15);
  const q = new Float64Array([5, -3, 2]);
  minimiseLbfgs(q, (t, g) => { let f = 0; t.forEach((v, i) => { g[i] = 2 * (i + 1) * (v - i); f += (i + 1) * (v - i) ** 2; }); return f; }, 1e-12, 100, "quadratic");
  q.forEach((v, i) => assert.ok(Math.abs(v - i) < 1e-12));
});

test("minimiseLbfgs names what did not converge and what to do", () => {
  const theta = new Float64Array([-1.2, 1]);
  assert.throws(() => minimiseLbfgs(theta, (t, g) => { g[0] = 2 * t[0]; g[1] = 200 * t[1]; return t[0] ** 2 + 100 * t[1] ** 2; }, 1e-12, 1, "my fit", "try harder"),
    /my fit: no convergence in 1 iterations \(largest gradient component .*\): try harder/);
});
