import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkKneserNeyMemory } from "../../src/bounds/checkKneserNeyMemory";
import { estimateKneserNeyMemory } from "../../src/bounds/estimateKneserNeyMemory";

const corpus = { characters: 2_831_140, order: 20, vocabSize: 95 };

test("checkKneserNeyMemory returns the estimate under the limit and refuses over it, naming the sizes, the limit's source and the highest order that fits", () => {
  const bytes = estimateKneserNeyMemory(corpus).bytes;
  assert.equal(checkKneserNeyMemory(corpus, { memoryLimit: bytes }), bytes);
  assert.throws(() => checkKneserNeyMemory(corpus, { memoryLimit: "1G" }), (err: Error) => {
    assert.match(err.message, /^memory bound: a Kneser–Ney model of order 20 on 2,831,140 training characters \(95 symbols\) may need up to \d+\.\d GiB, over the memory limit of 1\.0 GiB \(option memoryLimit \(1G\); set GRULAB_MEMORY_LIMIT/);
    const fits = Number(/use order (\d+) or lower/.exec(err.message)![1]);
    assert.ok(estimateKneserNeyMemory({ ...corpus, order: fits }).bytes <= 2 ** 30, `order ${fits} fits`);
    assert.ok(estimateKneserNeyMemory({ ...corpus, order: fits + 1 }).bytes > 2 ** 30, `order ${fits + 1} does not`);
    return true;
  });
  assert.throws(() => checkKneserNeyMemory(corpus, { memoryLimit: 1000 }), /Stopped before counting: use a shorter training text\./);
  // With the distinct strings counted the message says how many, and the order that fits is found from the same counts.
  const counted = { characters: 1000, order: 5, vocabSize: 10, distinctGrams: [10, 100, 900, 990, 996] };
  assert.throws(() => checkKneserNeyMemory(counted, { memoryLimit: estimateKneserNeyMemory({ ...counted, order: 3 }).bytes }),
    /order 5 on 1,000 training characters \(10 symbols\) holding 2,997 distinct strings may need up to .*use order 3 or lower/);
  // The limit's other sources (GRULAB_MEMORY_LIMIT, the share of free memory) are memoryLimit's, tested there.
});
