import { test } from "node:test";
import * as assert from "node:assert/strict";
import { holtWinters } from "../../src/baselines/holtWinters";
import { co2Values, statsmodels, statsmodelsSkip, syntheticSeasonal } from "../support/statsmodelsReference";

test("holtWinters: initial state and one update by hand (period 2, α = β = γ = 0.5)", () => {
  // y = 1, 3, 2, 6, 4. Initial state at t = 1: level (1+3)/2 = 2, trend ((2+6)/2 − 2)/2 = 1, seasonals −1, 1.
  const hw = holtWinters([1, 3, 2, 6, 4], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 });
  assert.deepEqual(hw.forecastFrom(1, 3), [2 + 1 - 1, 2 + 2 + 1, 2 + 3 - 1]);
  // t = 2, y = 2: level .5(2 + 1) + .5(2 + 1) = 3, trend .5(3 − 2) + .5·1 = 1, season .5(2 − 3) + .5(−1) = −1.
  assert.deepEqual(hw.forecastFrom(2, 3), [3 + 1 + 1, 3 + 2 - 1, 3 + 3 + 1]);
});

test("holtWinters: a forecast from t does not see values after t", () => {
  const a = holtWinters([1, 3, 2, 6, 4, 9, 7], 2, { alpha: 0.3, beta: 0.2, gamma: 0.4 });
  const b = holtWinters([1, 3, 2, 6, 4, 100, -50], 2, { alpha: 0.3, beta: 0.2, gamma: 0.4 });
  assert.deepEqual(a.forecastFrom(4, 4), b.forecastFrom(4, 4));
  assert.notDeepEqual(a.forecastFrom(5, 4), b.forecastFrom(5, 4));
});

test("holtWinters names bad input", () => {
  assert.throws(() => holtWinters([1, 2, 3], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 }), /need two cycles \(4\)/);
  assert.throws(() => holtWinters([1, 2, 3, 4], 2, { alpha: 0, beta: 0.5, gamma: 0.5 }), /parameter alpha must be in \(0, 1\]/);
  assert.throws(() => holtWinters([1, 2, 3, 4], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 }).forecastFrom(0, 1), /t must be an index in 1 … 3/);
});

// statsmodels 0.15.0 as the reference (.venv; the test skips with its reason without it). Its
// ExponentialSmoothing updates the season with the one-step error, s_t = γ'(y_t − l_{t−1} − b_{t−1})
// + (1 − γ')s_{t−m}, which is ours with γ' = γ(1 − α); its ETSModel also writes the trend on the
// error, b_t = b_{t−1} + β'e_t with β' = αβ. Our state at t = m − 1 is passed as their known initial
// state and they run over values m … n − 1.
for (const [what, load] of [["CO₂", co2Values], ["a synthetic seasonal series", async () => syntheticSeasonal()]] as const) {
  test(`holtWinters equals statsmodels' ExponentialSmoothing and ETSModel with the same weights and initial state, to 1e-9, on ${what}`, { skip: statsmodelsSkip }, async () => {
    const y = await load();
    const m = 12, p = { alpha: 0.5, beta: 0.02, gamma: 0.2 };
    const hw = holtWinters(y, m, p);
    const mean = (from: number) => y.slice(from, from + m).reduce((s, v) => s + v, 0) / m;
    const level = mean(0), trend = (mean(m) - mean(0)) / m;
    const r = statsmodels({
      kind: "holt-winters", y: y.slice(m), period: m, alpha: p.alpha, beta: p.beta, gamma: p.gamma * (1 - p.alpha),
      level, trend, seasonal: y.slice(0, m).map((v) => v - level), horizon: 12,
    });
    const n = y.length;
    assert.equal(r.level.length, n - m);
    let worst = 0;
    const close = (a: number, b: number) => { worst = Math.max(worst, Math.abs(a - b)); };
    // Every one-step forecast is both libraries' fitted value.
    for (let t = m - 1; t < n - 1; t++) {
      close(hw.forecastFrom(t, 1)[0], r.fitted[t + 1 - m]);
      close(hw.forecastFrom(t, 1)[0], r.etsFitted[t + 1 - m]);
    }
    // Every state: from each origin t, forecasts 1 … 12 from statsmodels' level, trend and season at t.
    // Every state: from each origin t ≥ 2m, forecasts 1 … 12 from statsmodels' level, trend and season
    // (their arrays hold the state after each of their observations: index t − m).
    for (let t = 2 * m; t < n; t++) {
      const i = t - m;
      hw.forecastFrom(t, 12).forEach((v, j) => close(v, r.level[i] + (j + 1) * r.trend[i] + r.season[i + j + 1 - m]));
    }
    // Forecasts from the end: ETSModel's all 12; ExponentialSmoothing's 1 … 11, and at k = m its
    // known slip (statsmodels issue #9538, fixed after 0.15.0): it adds s_{n−1−m}, not s_{n−1}.
    const ours = hw.forecastFrom(n - 1, 12);
    ours.forEach((v, k) => close(v, r.etsForecast[k]));
    ours.slice(0, 11).forEach((v, k) => close(v, r.forecast[k]));
    const last = n - 1 - m;
    close(r.forecast[11], ours[11] - r.season[last] + r.season[last - m]);
    assert.ok(Math.abs(r.season[last] - r.season[last - m]) > 1e-6, "the slip is visible here");
    assert.ok(worst < 1e-9, `largest difference ${worst}`);
  });
}
