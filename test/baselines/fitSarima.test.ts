import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fitSarima } from "../../src/baselines/fitSarima";
import { sarima } from "../../src/baselines/sarima";
import { co2Values, statsmodels, statsmodelsSkip, syntheticSeasonal } from "../support/statsmodelsReference";

test("fitSarima: the fit is a maximum (every coefficient nudged lowers the likelihood) and stays stationary and invertible", () => {
  const y = syntheticSeasonal();
  const order = { p: 1, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 };
  const fit = fitSarima(y, order);
  assert.ok(fit.gradientMax < 1e-4, `gradient ${fit.gradientMax}`);
  assert.ok(Math.abs(fit.coefficients.ar[0]) < 1 && Math.abs(fit.coefficients.ma[0]) < 1 && Math.abs(fit.coefficients.seasonalMa[0]) < 1);
  for (const key of ["ar", "ma", "seasonalMa"] as const) {
    for (const step of [-1e-3, 1e-3]) {
      const c = { ...fit.coefficients, [key]: [fit.coefficients[key][0] + step] };
      assert.ok(sarima(y, order, c).logLikelihood < fit.logLikelihood, `${key} ${step}`);
    }
  }
});

test("fitSarima: no coefficients (0,1,0)(0,1,0) fits σ² alone", () => {
  const y = syntheticSeasonal();
  const fit = fitSarima(y, { p: 0, d: 1, q: 0, P: 0, D: 1, Q: 0, period: 12 });
  const w = y.map((_, t) => y[t] - y[t - 1] - y[t - 12] + y[t - 13]).slice(13); // (1 − B)(1 − B¹²)y
  assert.equal(fit.iterations, 0);
  assert.equal(fit.observations, w.length);
  assert.ok(Math.abs(fit.variance - w.reduce((s, v) => s + v * v, 0) / w.length) < 1e-9);
});

// statsmodels 0.15.0's SARIMAX.fit (its L-BFGS from its own start, maxiter 1000) of the same order on
// the same values. Both maximise the same exact likelihood (theirs adds diffuse terms for the
// differencing that do not depend on the coefficients), so we require: our likelihood ≥ theirs at
// their optimum − 1e-6 (we find the maximum at least as well), coefficients within 2e-3 and the next
// 12 forecasts within 2e-3 of the series' units (the flat optimum: both optimisers stop at a gradient
// near 1e-5 of the log-likelihood per observation, which moves coefficients by ~1e-4).
const cases = [
  { what: "CO₂ (the training months of the forecast study)", load: async () => (await co2Values()).slice(0, 510) },
  { what: "a synthetic seasonal series", load: async () => syntheticSeasonal() },
];
for (const { what, load } of cases) {
  test(`fitSarima's (1,1,1)(1,1,1)₁₂ fit agrees with statsmodels' fit of the same order on ${what}`, { skip: statsmodelsSkip }, async () => {
    const y = await load();
    const fit = fitSarima(y, { p: 1, d: 1, q: 1, P: 1, D: 1, Q: 1, period: 12 });
    const r = statsmodels({ kind: "sarimax-fit", y, order: [1, 1, 1], seasonal: [1, 1, 1, 12], horizon: 12 });
    assert.deepEqual(r.names, ["ar.L1", "ma.L1", "ar.S.L12", "ma.S.L12", "sigma2"]);
    const ours = [fit.coefficients.ar[0], fit.coefficients.ma[0], fit.coefficients.seasonalAr[0], fit.coefficients.seasonalMa[0]];
    ours.forEach((v, i) => assert.ok(Math.abs(v - r.params[i]) < 2e-3, `${r.names[i]}: ours ${v}, statsmodels ${r.params[i]}`));
    assert.ok(Math.abs(fit.variance - r.params[4]) / r.params[4] < 1e-2, `σ²: ours ${fit.variance}, statsmodels ${r.params[4]}`);
    assert.ok(fit.logLikelihood >= r.llfSimpleDifferencingAtParams - 1e-6, `ours ${fit.logLikelihood}, statsmodels ${r.llfSimpleDifferencingAtParams}`);
    fit.forecastFrom(y.length - 1, 12).forEach((v, k) => assert.ok(Math.abs(v - r.forecast[k]) < 2e-3, `month ${k + 1}: ${v} vs ${r.forecast[k]}`));
  });
}
