import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkGruVsLstmMemory, GRU_VS_LSTM_DEFAULTS } from "../../src/studies/gruVsLstmDefaults";

test("checkGruVsLstmMemory passes the defaults and refuses an absurd length before anything is allocated, naming the option", () => {
  checkGruVsLstmMemory(GRU_VS_LSTM_DEFAULTS);
  assert.throws(() => checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, length: 1e8 }), /memory bound: gru-vs-lstm with .*--length 100000000/);
  assert.throws(() => checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, task: "recall", gruUnits: 1e6 }), /--gru-units 1000000/);
});
