import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkGruVsLstmMemory, GRU_VS_LSTM_DEFAULTS } from "../../src/studies/gruVsLstmDefaults";

test("checkGruVsLstmMemory passes the defaults and refuses an absurd length before anything is allocated, naming the option", () => {
  checkGruVsLstmMemory(GRU_VS_LSTM_DEFAULTS);
  assert.throws(() => checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, length: 1e8 }), /memory bound: gru-vs-lstm with .*--length 100000000/);
  assert.throws(() => checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, task: "recall", gruUnits: 1e6 }), /--gru-units 1000000/);
});

test("checkGruVsLstmMemory with workers bounds the sweep: under a 600M limit the defaults fit in this process and on one worker, not on four, and the message names the workers and the count that fits", () => {
  const saved = process.env.GRULAB_MEMORY_LIMIT;
  process.env.GRULAB_MEMORY_LIMIT = "600M";
  try {
    checkGruVsLstmMemory(GRU_VS_LSTM_DEFAULTS);
    checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, workers: 0 });
    checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, workers: 1 });
    assert.throws(() => checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, workers: 4 }),
      /^Error: memory bound: gru-vs-lstm with --gru-units 32 --length 100 --train-samples 1024 --workers 4 would need about 1\.\d GiB \(4 worker processes of about \d+\.\d MiB each and 32\.0 MiB for the sweep's own; .*over the memory limit of 600\.0 MiB \(GRULAB_MEMORY_LIMIT=600M.*lower --workers ≤ 1\.$/);
  } finally {
    if (saved === undefined) delete process.env.GRULAB_MEMORY_LIMIT;
    else process.env.GRULAB_MEMORY_LIMIT = saved;
  }
});
