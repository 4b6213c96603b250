// CPU seconds of the unit tests' linear probes at the study's size: 20,000 characters × 256 units (the two
// layers' h of a 2 × 128 GRU, random units with memory), 4 features, fitted on 2,000 rows (linearProbe's
// defaults), by one Cholesky factorisation for all features (linearProbes) and, for comparison, by one QR ridge
// per feature (fitRidgeRegression's default solver: what linearProbe did per feature before). Twice each, with
// the load average before and after. Prints JSON.
//   npm run build && node dist/bench/linearProbeCost.js
import * as os from "os";
import { fitRidgeRegression } from "../src/baselines/ridgeRegression";
import { linearProbes } from "../src/traces/linearProbe";
import { seededRandom } from "../src/util/seededRandom";

const r = seededRandom(1);
const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const n = 20000, units = 256, block = 500, rows = 2000;
const values = Float64Array.from({ length: n * units }, normal);
for (let i = 1; i < n; i++) for (let u = 0; u < units; u++) values[i * units + u] += 0.6 * values[(i - 1) * units + u];
const features = [0, 1, 2, 3].map((k) => Float64Array.from({ length: n }, (_, i) => (k === 1 ? (values[i * units + 4] > 0 ? 1 : 0) : values[i * units + k] + normal())));

/** The probes one QR ridge per feature: standardised units, the same fitted and scored rows. */
function perFeatureQr(): number {
  const fitted: number[] = [], scored: number[] = [];
  for (let i = 0; i < n; i++) (Math.floor(i / block) % 2 === 0 ? fitted : scored).push(i);
  const mean = new Float64Array(units), scale = new Float64Array(units);
  for (const i of fitted) for (let u = 0; u < units; u++) mean[u] += values[i * units + u];
  for (let u = 0; u < units; u++) mean[u] /= fitted.length;
  for (const i of fitted) for (let u = 0; u < units; u++) { const d = values[i * units + u] - mean[u]; scale[u] += d * d; }
  for (let u = 0; u < units; u++) scale[u] = 1 / Math.sqrt(scale[u] / fitted.length);
  const row = (i: number) => Array.from({ length: units }, (_, u) => (values[i * units + u] - mean[u]) * scale[u]);
  const at = Array.from({ length: rows }, (_, j) => fitted[Math.floor((j * fitted.length) / rows)]);
  return features.reduce((s, f) => s + fitRidgeRegression(at.map(row), at.map((i) => [f[i]]), rows).predict(scored.map(row)).length, 0);
}

const cpu = (fn: () => unknown) => { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const out: Record<string, unknown> = { date: new Date().toISOString(), characters: n, units, features: features.length, fitRows: rows, loadBefore: os.loadavg()[0] };
for (let rep = 0; rep < 2; rep++) {
  out[`qrPerFeatureCpuSeconds${rep + 1}`] = cpu(perFeatureQr);
  out[`choleskyOnceCpuSeconds${rep + 1}`] = cpu(() => linearProbes(values, units, features, { splitBlock: block, maxFitRows: rows }));
}
out.loadAfter = os.loadavg()[0];
console.log(JSON.stringify(out));
