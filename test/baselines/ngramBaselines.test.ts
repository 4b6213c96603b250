import { test } from "node:test";
import * as assert from "node:assert/strict";
import { bestByValidation, fitCharNgram, ngramBaselines, ngramBaselinesAsync } from "../../src/studies/index";

test("ngramBaselines scores each order on validation and test; the quoted one is the best on validation", () => {
  const text = (n: number, seed: number) => Array.from({ length: n }, (_, i) => [1, 2, 3, 1, 2, 4][(i + seed) % 6]);
  const train = text(300, 0), validation = text(60, 1), test = text(60, 2);
  const rows = ngramBaselines(train, validation, test, { vocabSize: 5, orders: [1, 2, 3] });
  assert.deepEqual(rows.map((r) => [r.name, r.order]), [["unigram", 1], ["bigram", 2], ["trigram", 3]]);
  const tri = fitCharNgram(train, { order: 3, vocabSize: 5 });
  assert.equal(rows[2].testBpc, tri.bitsPerCharacter(test));
  assert.equal(rows[2].validationBpc, tri.bitsPerCharacter(validation));
  assert.equal(bestByValidation(rows).name, "trigram"); // the period-6 text is nearly deterministic given two characters
  assert.equal(bestByValidation([{ ...rows[0], validationBpc: 1, testBpc: 9 }, { ...rows[1], validationBpc: 2, testBpc: 0.1 }]).name, "unigram");
  assert.throws(() => ngramBaselines(train, validation, test, { vocabSize: 5, orders: [] }), /option orders: empty/);
});

test("ngramBaselinesAsync gives ngramBaselines' numbers, prints where a long order is, and stops at an aborted signal", async () => {
  const text = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i + seed) * 7919 % 13) % 5);
  const train = text(40_000, 0), validation = text(9_000, 1), test = text(9_000, 2);
  const sync = ngramBaselines(train, validation, test, { vocabSize: 5, orders: [1, 4] });
  const lines: string[] = [];
  const sliced = await ngramBaselinesAsync(train, validation, test, { vocabSize: 5, orders: [1, 4], log: (l) => lines.push(l), logEverySeconds: 0 });
  assert.deepEqual(sliced.map((r) => [r.name, r.order, r.validationBpc, r.testBpc]), sync.map((r) => [r.name, r.order, r.validationBpc, r.testBpc]));
  assert.ok(lines.some((l) => /^ {2}4-gram: counted 16,384 of 40,000 characters \(40 %\), \d+ s$/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => /^ {2}4-gram: counted in \d+ s; scoring the validation and test text…$/.test(l)), lines.join("\n"));
  await assert.rejects(ngramBaselinesAsync(train, validation, test, { vocabSize: 5, orders: [3], signal: AbortSignal.abort(new Error("SIGINT during n-gram baselines")) }), /SIGINT during n-gram baselines/);
  await assert.rejects(ngramBaselinesAsync(train, validation, test, { vocabSize: 5, orders: [] }), /option orders: empty/);
});
