import { test } from "node:test";
import * as assert from "node:assert/strict";
import { sarima } from "../../src/baselines/sarima";
import { co2Values, statsmodels, statsmodelsSkip, syntheticSeasonal } from "../support/statsmodelsReference";

test("sarima: AR(1) by hand — exact likelihood from the stationary state, forecasts φᵏ·y_t", () => {
  const y = [1, 0.5, -0.2, 0.3];
  const phi = 0.5;
  const m = sarima(y, { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, period: 12 }, { ar: [phi], ma: [], seasonalAr: [], seasonalMa: [] }, { variance: 2 });
  // F_1 = 1/(1 − φ²), v_1 = y_1; then F = 1, v_t = y_t − φ y_{t−1}.
  const F = [1 / (1 - phi * phi), 1, 1, 1], v = [y[0], y[1] - phi * y[0], y[2] - phi * y[1], y[3] - phi * y[2]];
  const ll = -0.5 * v.reduce((s, vt, i) => s + Math.log(2 * Math.PI) + Math.log(2 * F[i]) + (vt * vt) / (2 * F[i]), 0);
  assert.ok(Math.abs(m.logLikelihood - ll) < 1e-12, `${m.logLikelihood} vs ${ll}`);
  assert.ok(Math.abs(m.variance - v.reduce((s, vt, i) => s + (vt * vt) / F[i], 0) / 4) < 1e-12);
  m.forecastFrom(3, 3).forEach((f, k) => assert.ok(Math.abs(f - 0.3 * phi ** (k + 1)) < 1e-15));
});

test("sarima: (0,1,0)(0,1,0)₁₂ forecasts last year's month plus the last yearly change, by hand", () => {
  const y = Array.from({ length: 40 }, (_, t) => t * 0.5 + ((t * 7) % 12));
  const m = sarima(y, { p: 0, d: 1, q: 0, P: 0, D: 1, Q: 0, period: 12 }, { ar: [], ma: [], seasonalAr: [], seasonalMa: [] });
  const t = 39;
  // (1 − B)(1 − B¹²) ŷ = 0: ŷ_{t+1} = y_t + y_{t−11} − y_{t−12}.
  assert.ok(Math.abs(m.forecastFrom(t, 1)[0] - (y[t] + y[t - 11] - y[t - 12])) < 1e-12);
  assert.equal(m.observations, 40 - 13);
});

test("sarima: a forecast from t does not see values after t", () => {
  const y = syntheticSeasonal(120);
  const z = [...y.slice(0, 100), ...y.slice(100).map((v) => v + 50)];
  const order = { p: 1, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 }, c = { ar: [0.4], ma: [-0.3], seasonalAr: [], seasonalMa: [-0.5] };
  assert.deepEqual(sarima(y, order, c).forecastFrom(99, 12), sarima(z, order, c).forecastFrom(99, 12));
});

test("sarima names bad input", () => {
  const order = { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, period: 12 };
  assert.throws(() => sarima([1, 2, 3, 4], order, { ar: [], ma: [], seasonalAr: [], seasonalMa: [] }), /coefficients.ar has 0 values, the order needs 1/);
  assert.throws(() => sarima([1, 2, 3, 4], { ...order, q: -1 }, { ar: [0.1], ma: [], seasonalAr: [], seasonalMa: [] }), /order.q must be a non-negative integer/);
  assert.throws(() => sarima([1, 2, 3, 4], order, { ar: [1.5], ma: [], seasonalAr: [], seasonalMa: [] }), /not stationary/);
  assert.throws(() => sarima([1, NaN, 3, 4], order, { ar: [0.1], ma: [], seasonalAr: [], seasonalMa: [] }), /value 1 of the series is NaN/);
  assert.throws(() => sarima([1, 2, 3, 4], order, { ar: [0.1], ma: [], seasonalAr: [], seasonalMa: [] }).forecastFrom(4, 1), /t must be an index in 0 … 3/);
});

// statsmodels 0.15.0's SARIMAX with the same fixed coefficients, refiltered on values 0 … t for each
// origin t. With simple_differencing=True (the ARMA on the differences from its stationary state, as
// here; its forecasts integrated back) forecasts agree to 1e-11 of the series' scale (integrating back to
// levels of ~400 ppm rounds at ~1e-12 relative) and the log-likelihood to 1e-6 of ~10²
// (statsmodels solves the Lyapunov equation directly, we by doubling). Its default (the differencing
// in the state, exact diffuse start) differs early on by a start-up term that decays like the seasonal
// MA root (on CO₂ with Θ = −0.8: 1e-5 ppm ten years in), so there: 1e-6 from the series' midpoint on.
const cases = [
  { what: "CO₂", load: co2Values, order: [1, 1, 1], seasonal: [1, 1, 1, 12], c: { ar: [0.3], ma: [-0.6], seasonalAr: [0.1], seasonalMa: [-0.8] } },
  { what: "a synthetic seasonal series", load: async () => syntheticSeasonal(), order: [2, 1, 1], seasonal: [1, 1, 1, 12], c: { ar: [0.5, -0.2], ma: [0.3], seasonalAr: [-0.3], seasonalMa: [-0.6] } },
];
for (const { what, load, order: [p, d, q], seasonal: [P, D, Q, period], c } of cases) {
  test(`sarima forecasts what statsmodels' SARIMAX does with the same coefficients, from several origins, on ${what}`, { skip: statsmodelsSkip }, async () => {
    const y = await load();
    const m = sarima(y, { p, d, q, P, D, Q, period }, c, { variance: 0.7 });
    const origins = [60, Math.floor(y.length / 2), y.length - 1];
    const r = statsmodels({ kind: "sarimax-filter", y, order: [p, d, q], seasonal: [P, D, Q, period], params: [...c.ar, ...c.ma, ...c.seasonalAr, ...c.seasonalMa, 0.7], origins, horizon: 12 });
    let worst = 0, worstDiffuse = 0;
    origins.forEach((t, i) => m.forecastFrom(t, 12).forEach((v, k) => {
      worst = Math.max(worst, Math.abs(v - r.forecastsSimpleDifferencing[i][k]));
      if (t >= y.length / 2) worstDiffuse = Math.max(worstDiffuse, Math.abs(v - r.forecasts[i][k]));
    }));
    const scale = Math.max(...y.map(Math.abs));
    assert.ok(worst < 1e-11 * scale, `largest forecast difference from SARIMAX(simple_differencing=True): ${worst}`);
    assert.ok(worstDiffuse < 1e-6, `largest forecast difference from SARIMAX from the series' midpoint on: ${worstDiffuse}`);
    assert.ok(Math.abs(m.logLikelihood - r.llfSimpleDifferencing) < 1e-6, `${m.logLikelihood} vs ${r.llfSimpleDifferencing}`);
    assert.ok(Math.abs(m.logLikelihood - r.llf) < 1e-2, "statsmodels' diffuse likelihood differs by its diffuse terms only");
  });
}
