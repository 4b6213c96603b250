// Modified Kneser–Ney character models on the char-LM study's corpus (loadTsLibCorpus, the
// study's vocabulary: buildCharVocab(train, { minCount: 10 })): for each order, a fresh node
// process fits the model on the whole training text, scores validation and test, and reports
// the fit time, the scoring time, its peak RSS (process.resourceUsage().maxRSS), the bytes the
// model's arrays hold, the upper-bound estimate checked before counting, and the bits per
// character. The order to quote is the one with the lowest validation bpc. Writes
// bench/kneser-ney.json (--out) with the load average before and after each order. The bound is
// the one fitKneserNey checks (from the distinct strings counted first, distinctGramCounts);
// worstCaseBytes is the bound from the sizes alone (min(n − k + 1, V^k) strings per length) and
// rssBeforeFitBytes the process's RSS with the corpus loaded, before the fit.
//   npm run build && node dist/bench/kneserNey.js [--orders 5,10,20] [--max-chars N] [--out bench/FILE.json]
import { execFileSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { loadTsLibCorpus } from "../src/data/loadTsLibCorpus";
import { buildCharVocab } from "../src/data/charVocab";
import { fitKneserNeyAsync } from "../src/baselines/kneserNey";
import { estimateKneserNeyMemory } from "../src/bounds/estimateKneserNeyMemory";
import { distinctGramCounts } from "../src/bounds/distinctGramCounts";
import { writeFileAtomic } from "../src/io/writeFileAtomic";

const root = path.resolve(__dirname, "..", "..");
const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };

async function child(order: number, maxChars: number): Promise<void> {
  const corpus = loadTsLibCorpus({ maxChars: maxChars > 0 ? maxChars : undefined });
  const vocab = buildCharVocab(corpus.train, { minCount: 10 });
  const train = vocab.encode(corpus.train);
  const rssBeforeFitBytes = process.memoryUsage().rss;
  const t0 = performance.now();
  const kn = await fitKneserNeyAsync(train, { order, vocabSize: vocab.size });
  const fitSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const validationBpc = kn.bitsPerCharacter(vocab.encode(corpus.validation));
  const testBpc = kn.bitsPerCharacter(vocab.encode(corpus.test));
  const scoreSeconds = (performance.now() - t1) / 1000;
  console.log(JSON.stringify({
    order, trainCharacters: train.length, validationCharacters: corpus.validation.length, testCharacters: corpus.test.length, vocabSize: vocab.size,
    fitSeconds, scoreSeconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, modelBytes: kn.bytes,
    rssBeforeFitBytes,
    estimateBytes: estimateKneserNeyMemory({ characters: train.length, order, vocabSize: vocab.size, distinctGrams: distinctGramCounts(train, order) }).bytes,
    worstCaseBytes: estimateKneserNeyMemory({ characters: train.length, order, vocabSize: vocab.size }).bytes,
    validationBpc, testBpc, distinctGrams: kn.distinctGrams, discounts: kn.discounts, discountFallback: kn.discountFallback,
  }));
}

function driver(): void {
  const orders = (arg("--orders") ?? "5,10,20").split(",").map(Number);
  const maxChars = Number(arg("--max-chars") ?? 0);
  const rows = [];
  for (const order of orders) {
    const loadBefore = os.loadavg()[0];
    const out = execFileSync(process.execPath, [__filename, "--child", String(order), String(maxChars)], { cwd: root, encoding: "utf8", maxBuffer: 16 << 20 });
    const row = { ...JSON.parse(out.trim().split("\n").pop()!), loadBefore, loadAfter: os.loadavg()[0] };
    console.log(`order ${order}: fit ${row.fitSeconds.toFixed(1)} s, score ${row.scoreSeconds.toFixed(1)} s, peak RSS ${(row.peakRssBytes / 2 ** 20).toFixed(0)} MiB (model ${(row.modelBytes / 2 ** 20).toFixed(0)} MiB, bound ${(row.estimateBytes / 2 ** 20).toFixed(0)} MiB), validation ${row.validationBpc.toFixed(3)} bpc, test ${row.testBpc.toFixed(3)} bpc, load ${loadBefore.toFixed(1)}→${row.loadAfter.toFixed(1)}`);
    rows.push(row);
  }
  const best = rows.reduce((a, b) => (b.validationBpc < a.validationBpc ? b : a));
  const file = path.resolve(root, arg("--out") ?? path.join("bench", "kneser-ney.json"));
  const flags = `--orders ${orders.join(",")}${maxChars > 0 ? ` --max-chars ${maxChars}` : ""}${arg("--out") ? ` --out ${arg("--out")}` : ""}`;
  writeFileAtomic(file, JSON.stringify({ date: new Date().toISOString(), command: `node dist/bench/kneserNey.js ${flags}`, loadAverageBefore: rows[0].loadBefore, cores: os.cpus().length, node: process.version, bestOrderByValidation: best.order, rows }, null, 2) + "\n");
  console.log(`best on validation: order ${best.order} (test ${best.testBpc.toFixed(3)} bpc); wrote ${file}`);
}

if (process.argv[2] === "--child") void child(Number(process.argv[3]), Number(process.argv[4]));
else driver();
