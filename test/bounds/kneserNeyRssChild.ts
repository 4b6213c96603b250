// A Kneser–Ney fit to measure (test/bounds/estimateKneserNeyMemory.test.ts): node kneserNeyRssChild.js CHARACTERS ORDER
// fits the first CHARACTERS training characters of the char-LM corpus and prints, as JSON, the process's RSS before the
// fit, its peak RSS after it (process.resourceUsage().maxRSS) and the bound fitKneserNey checked.
import { loadTsLibCorpus } from "../../src/data/loadTsLibCorpus";
import { buildCharVocab } from "../../src/data/charVocab";
import { fitKneserNey } from "../../src/baselines/kneserNey";
import { estimateKneserNeyMemory } from "../../src/bounds/estimateKneserNeyMemory";
import { distinctGramCounts } from "../../src/bounds/distinctGramCounts";

const [characters, order] = process.argv.slice(2).map(Number);
const corpus = loadTsLibCorpus({ maxChars: characters });
const vocab = buildCharVocab(corpus.train, { minCount: 10 });
const train = vocab.encode(corpus.train);
const before = process.memoryUsage().rss;
const kn = fitKneserNey(train, { order, vocabSize: vocab.size });
const peak = process.resourceUsage().maxRSS * 1024;
const bound = estimateKneserNeyMemory({ characters: train.length, order, vocabSize: vocab.size, distinctGrams: distinctGramCounts(train, order) }).bytes;
console.log(JSON.stringify({ before, peak, bound, arrays: kn.bytes }));
