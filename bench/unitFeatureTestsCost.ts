// The cost of unitFeatureTests at the char-LM study's size: two "networks" of two random 256-unit
// layers (uniform noise, fixed seed) over `chars` test characters of the corpus (from 86,000, as
// the study traces), the four codeFeatures; prints the seconds, the peak RSS and each row (noise
// units: the probes should score near their baselines, the p-values be unremarkable).
//   npm run build && node dist/bench/unitFeatureTestsCost.js [chars 20000] [shuffles 100] [probe rows 2000]
import * as os from "os";
import { unitFeatureTests } from "../src/traces/unitFeatureTests";
import { codeFeatures } from "../src/traces/codeFeatures";
import { loadTsLibCorpus } from "../src/data/loadTsLibCorpus";
import { seededRandom } from "../src/util/seededRandom";

const [chars, shuffles, maxFitRows] = [20000, 100, 2000].map((d, i) => Number(process.argv[2 + i] ?? d));
const text = loadTsLibCorpus().test.slice(86000, 86000 + chars);
const random = seededRandom(1);
const layer = (name: string) => ({ layer: name, units: 256, values: Float32Array.from({ length: text.length * 256 }, () => random() - 0.5) });
const loadBefore = os.loadavg()[0];
const t0 = performance.now();
const rows = unitFeatureTests([layer("a"), layer("b")], [layer("a"), layer("b")], { ...codeFeatures(text) }, { shuffles, probe: { maxFitRows } });
console.log(`${text.length} characters, ${shuffles} shuffles, ${maxFitRows} probe rows: ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB, load ${loadBefore.toFixed(1)}→${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString()}`);
for (const r of rows) console.log(`${r.feature}: best |r| ${Math.abs(r.trained.r).toFixed(3)} p ${r.trained.pValue.toFixed(3)}; probe ${r.probe.trained.metric} ${r.probe.trained.score.toFixed(3)} (baseline ${r.probe.trained.baseline.toFixed(3)})`);
