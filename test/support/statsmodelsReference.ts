// statsmodels as the reference for the forecasting baselines (test/baselines/sarima, fitSarima,
// holtWinters): runs test/support/statsmodelsReference.py in the project's .venv (statsmodels is
// pinned in jupyter/requirements.txt) and returns its JSON answer; a skip reason when the venv
// cannot import statsmodels. Also the two local test series: CO₂ and a synthetic seasonal one.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { datasetPath } from "../../src/data/datasetPath";
import { readMonthlySeries } from "../../src/data/readMonthlySeries";
import { seededRandom } from "../../src/util/seededRandom";

const ROOT = path.resolve(__dirname, "..", "..", ".."); // dist/test/support → repository root
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const SCRIPT = path.join(ROOT, "test", "support", "statsmodelsReference.py");

/** false when .venv's python imports statsmodels, else why the statsmodels tests skip. */
export const statsmodelsSkip: string | false =
  fs.existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import statsmodels"], { encoding: "utf8" }).status === 0 ? false
    : `${PYTHON} cannot import statsmodels (bash scripts/venv.sh installs jupyter/requirements.txt)`;

/** statsmodels' answer to one request (see statsmodelsReference.py for the kinds). */
export function statsmodels(request: Record<string, unknown>): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(request), encoding: "utf8", maxBuffer: 64 << 20, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`statsmodelsReference.py (${String(request.kind)}) exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The monthly CO₂ series of datasets/co2-concentration.csv, as the forecast study reads it. */
export async function co2Values(): Promise<number[]> {
  return (await readMonthlySeries(datasetPath("co2-concentration.csv"), { date: "Date", value: "CO2" })).values;
}

/**
 * 240 months of a SARIMA(1,1,1)(1,1,1)₁₂ process (φ 0.5, θ 0.3, Φ −0.3, Θ −0.5, unit-variance
 * noise from a fixed seed) on a trend and a yearly cycle: a seasonal series whose maximum
 * likelihood lies inside the stationary and invertible region.
 */
export function syntheticSeasonal(n = 240, seed = 7): number[] {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const burn = 60, e: number[] = [], w: number[] = [];
  for (let t = 0; t < n + burn; t++) {
    e.push(normal());
    const at = (a: number[], k: number) => (t - k >= 0 ? a[t - k] : 0);
    // (1 − 0.5B)(1 + 0.3B¹²) w_t = (1 + 0.3B)(1 − 0.5B¹²) e_t
    w.push(0.5 * at(w, 1) - 0.3 * at(w, 12) + 0.15 * at(w, 13) + e[t] + 0.3 * at(e, 1) - 0.5 * at(e, 12) - 0.15 * at(e, 13));
  }
  // Integrate (1 − B)(1 − B¹²) from a first year of trend and cycle.
  const y = Array.from({ length: 13 }, (_, t) => 50 + 0.3 * t + 8 * Math.sin((2 * Math.PI * t) / 12));
  for (let t = 13; t < n; t++) y.push(w[t + burn] + y[t - 1] + y[t - 12] - y[t - 13]);
  return y;
}
