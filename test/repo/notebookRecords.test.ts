import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { notebookSourceHash, type NotebookCell } from "../support/notebookSourceHash";

// The executed notebooks of record (docs/records/, `npm run record -- notebooks/NAME.ipynb`): each
// parses, ran to the end at its notebook's recordParameters, has outputs in every code cell, was
// made from the notebook's current source, is small enough to commit, and states the numbers of
// its study's results file.
const root = path.resolve(__dirname, "../../..");
const recordsDir = path.join(root, "docs", "records");

interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> }
interface Cell extends NotebookCell { outputs?: Output[]; execution_count?: number | null }
interface Notebook {
  cells: Cell[]; nbformat: number;
  metadata: { grulab?: { recordParameters?: Record<string, unknown>; run?: { status: string; parameters: Record<string, unknown> }; record?: { source: string; sourceSha256: string; command: string } } };
}

const read = (file: string): Notebook => JSON.parse(fs.readFileSync(file, "utf8"));
const join = (t: unknown) => (Array.isArray(t) ? t.join("") : String(t ?? ""));
/** Everything a record's outputs say as text: streams and text/plain, text/html. */
const outputText = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs ?? []).map((o) => join(o.text) + join(o.data?.["text/plain"]) + join(o.data?.["text/html"])).join("\n");
const results = (study: string) => JSON.parse(fs.readFileSync(path.join(root, "results", `${study}.json`), "utf8"));
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** Per record: its study's results file and lines the record must show, rendered from that file now. */
const STUDY_LINES: Record<string, () => string[]> = {
  "01-tutorial.ipynb": () => {
    const r = results("tutorial");
    return [
      `accuracy ${pct(r.gru.accuracy.mean)} ± ${pct(r.gru.accuracy.sd)} (95 % interval ${pct(r.gru.accuracy.low95)}–${pct(r.gru.accuracy.high95)})`,
      `${r.mcnemar.seedsBelow005} of ${r.perSeed.length} seeds differ at the 5 % level (median p ${r.mcnemar.medianP.toFixed(2)})`,
      "this notebook at the study's parameters: every seed's GRU accuracy and the logistic regression's equal results/tutorial.json's",
    ];
  },
  "02-forecasting.ipynb": () => {
    const r = results("forecast");
    return [
      `${r.models.gru.mae.mean.toFixed(3)} ± ${r.models.gru.mae.sd.toFixed(3)}`,
      r.models.sarima.test.mae.toFixed(3),
      "this notebook at the study's parameters: every seed's GRU MAE (1–12 months) equals results/forecast.json's",
    ];
  },
  "03-gates.ipynb": () => {
    const r = results("charlm");
    return [
      ...Object.entries(r.cells as Record<string, { testBpc: { mean: number; sd: number }; chosenDropout: number }>).map(([cell, c]) =>
        `  ${cell}: test bpc ${c.testBpc.mean.toFixed(3)} ± ${c.testBpc.sd.toFixed(3)} over seeds ${r.budget.seeds.join(", ")} (dropout ${c.chosenDropout})`),
      "this notebook at the study's parameters: every cell's chosen dropout, epochs, validation and test bpc per seed, the n-gram baselines and the unit tests' best units equal results/charlm.json's",
    ];
  },
  "04-gru-vs-lstm.ipynb": () => {
    const r = results("gru-vs-lstm");
    const trials = Object.values(r.tasks as Record<string, { lengths: Record<string, Record<string, { perSeed: unknown[] }>> }>)
      .flatMap((t) => Object.values(t.lengths).flatMap((rows) => Object.values(rows).map((row) => row.perSeed.length))).reduce((a, b) => a + b, 0);
    return [
      `this notebook at the study's parameters: every variant's learning rate, and every seed's success, updates to solve and test error (${trials} trials), equal results/gru-vs-lstm.json's`,
    ];
  },
};

/**
 * The parameters each notebook of record must be recorded at, rendered from its study's results
 * file now (the budget the file records): a notebook whose recordParameters drift from its study
 * of record — e.g. after the study ran again at another budget — fails here, before anyone spends
 * hours recording it. Parameters that do not change a number (workers, where sweeps live) are not
 * part of a budget and not compared.
 */
const RECORD_BUDGETS: Record<string, () => Record<string, unknown>> = {
  "01-tutorial.ipynb": () => {
    const b = results("tutorial").budget;
    return { seeds: b.seeds.length, epochs: b.maxEpochs, patience: b.patience };
  },
  "02-forecasting.ipynb": () => {
    const r = results("forecast");
    return { seeds: r.budget.seeds.length, epochs: r.budget.maxEpochs, patience: r.budget.patience, units: r.models.gru.units, timesteps: r.data.timesteps, horizon: r.data.horizon };
  },
  "03-gates.ipynb": () => {
    const r = results("charlm");
    const b = r.budget;
    return {
      units: b.gruUnits, layers: b.layers, dropouts: b.dropouts.join(","), seeds: b.seeds.length, epochs: b.maxEpochs, patience: b.patience, maxChars: b.maxChars,
      timesteps: b.timesteps, batchSize: b.batchSize, learningRate: b.learningRate, clipNorm: b.clipNorm, ngramOrders: r.ngram.rows.map((n: { order: number }) => n.order).join(","),
      kneserNeyOrder: r.errorAnalysis?.ngram.order ?? 0, bootstrapResamples: r.bootstrap.resamples, unitShuffles: r.cells.gru.unitTests?.shuffles ?? 0, unitChars: r.cells.gru.unitTests?.characters,
    };
  },
  "04-gru-vs-lstm.ipynb": () => {
    const r = results("gru-vs-lstm");
    const b = r.budget;
    const lengths = (task: string) => Object.keys(r.tasks[task]?.lengths ?? {}).map((k) => k.slice(1)).join(",");
    return {
      tasks: Object.keys(r.tasks).join(","), addingLengths: lengths("adding"), recallLengths: lengths("recall"), seeds: b.seeds.length, updates: b.updatesPerTrial,
      updatesPerEpoch: b.updatesPerEpoch, learningRates: b.learningRates.join(","), ablations: b.ablations.join(","), gruUnits: b.gruUnits, batchSize: b.batchSize, clipNorm: b.clipNorm,
    };
  },
};

for (const [name, budget] of Object.entries(RECORD_BUDGETS)) {
  test(`notebooks/${name}: its recordParameters are its study of record's budget (results/)`, () => {
    const nb = read(path.join(root, "notebooks", name));
    const recordParameters = nb.metadata.grulab?.recordParameters ?? {};
    const expected = budget();
    const recorded = Object.fromEntries(Object.keys(expected).map((k) => [k, recordParameters[k]]));
    assert.deepEqual(recorded, expected, `notebooks/${name}'s metadata.grulab.recordParameters differ from the budget its results file records: set them to it, then npm run record -- notebooks/${name}`);
  });
}

// The records that exist. 03 and 04 have none yet (their studies of record cost hours: docs/studies.md
// gives the command); once made, they are checked like these by the test below.
const COMMITTED_RECORDS = ["01-tutorial.ipynb", "02-forecasting.ipynb"];

test("the notebooks of record 01 (tutorial) and 02 (forecasting) are committed", () => {
  const files = fs.existsSync(recordsDir) ? fs.readdirSync(recordsDir).filter((f) => f.endsWith(".ipynb")) : [];
  for (const name of COMMITTED_RECORDS) assert.ok(files.includes(name), `docs/records/${name} is missing: npm run record -- notebooks/${name}`);
});

for (const name of fs.existsSync(recordsDir) ? fs.readdirSync(recordsDir).filter((f) => f.endsWith(".ipynb")) : []) {
  test(`docs/records/${name}: made from the current notebooks/${name}, at its recordParameters, with every code cell's outputs and its study's numbers`, () => {
    const file = path.join(recordsDir, name);
    const size = fs.statSync(file).size;
    assert.ok(size < 1_500_000, `${size} bytes: a record must stay small enough to commit (is plotly.js's loader in it?)`);
    const record = read(file);
    assert.equal(record.nbformat, 4);
    const meta = record.metadata.grulab;
    assert.equal(meta?.record?.source, `notebooks/${name}`);
    const source = read(path.join(root, "notebooks", name));
    assert.equal(meta!.record!.sourceSha256, notebookSourceHash(source.cells),
      `docs/records/${name} was made from another version of notebooks/${name}: npm run record -- notebooks/${name}`);
    assert.equal(notebookSourceHash(record.cells), meta!.record!.sourceSha256, "the record's own cells are its source's");
    assert.equal(meta!.record!.command, `npm run record -- notebooks/${name}`);
    assert.equal(meta?.run?.status, "ok");
    assert.deepEqual(meta!.run!.parameters, source.metadata.grulab?.recordParameters ?? {}, "ran at the notebook's recordParameters");
    let codeCells = 0;
    record.cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      assert.equal(typeof c.execution_count, "number", `cell ${i} was not executed`);
      const tags = c.metadata?.tags ?? [];
      if (tags.includes("parameters") || tags.includes("injected-parameters")) return;
      codeCells++;
      assert.ok((c.outputs ?? []).length > 0, `cell ${i} has no outputs: ${join(c.source).slice(0, 80)}`);
      for (const o of c.outputs ?? []) assert.notEqual(o.output_type, "error", `cell ${i} has an error output`);
    });
    assert.ok(codeCells >= 5, `${codeCells} code cells`);
    const text = outputText(record);
    assert.ok(!text.includes("grulab-plotly-loader"), "plotly.js's loader is left out of a record");
    assert.ok(record.cells.some((c) => (c.outputs ?? []).some((o) => o.data?.["application/vnd.plotly.v1+json"])), "its figures keep their plotly JSON");
    for (const line of STUDY_LINES[name]?.() ?? []) assert.ok(text.includes(line), `docs/records/${name} does not say "${line}" (from results/): npm run record -- notebooks/${name} after the study`);
  });
}
