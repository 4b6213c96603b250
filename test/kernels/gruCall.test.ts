import { test } from "node:test";
import * as assert from "node:assert/strict";
import { GRU_CALL_BYTES, GRU_CALL_FIELDS, writeGruCall } from "../../src/kernels/gruCall";
import { gruKernel } from "../../src/kernels/gruKernel";

// The boundary: JS writes a GruCall with writeGruCall; the kernel in use reads it through its
// generated struct (AssemblyScript class or C struct) and copies every field back in field order.
// A field added, removed or reordered on one side only, or a wrongly sized type, fails here.
test("every GruCall field written from JS is read by the kernel at the same offset", () => {
  const k = gruKernel();
  const call = k.heapBase;
  const echo = call + GRU_CALL_BYTES;
  k.reserve(echo + GRU_CALL_BYTES);
  const values = Object.fromEntries(GRU_CALL_FIELDS.map((name, i) => [name, 1000 + 7 * i]));
  const mem = new Int32Array(k.memory.buffer);
  writeGruCall(mem, call, values);
  mem.fill(-1, echo / 4, echo / 4 + GRU_CALL_FIELDS.length);
  k.exports.gruCallEcho(call, echo);
  const back = Array.from(new Int32Array(k.memory.buffer, echo, GRU_CALL_FIELDS.length));
  console.log(`  ${k.flavour}: ${GRU_CALL_FIELDS.length} fields, ${GRU_CALL_BYTES} bytes`);
  assert.deepEqual(back, GRU_CALL_FIELDS.map((name) => values[name]));
});

test("writeGruCall sets absent fields to 0 (an absent buffer)", () => {
  const mem = new Int32Array(GRU_CALL_FIELDS.length + 2).fill(9);
  writeGruCall(mem, 4, { batch: 3 });
  assert.equal(mem[0], 9);
  assert.equal(mem[1 + GRU_CALL_FIELDS.indexOf("batch")], 3);
  assert.equal(mem[1 + GRU_CALL_FIELDS.indexOf("dzOut")], 0);
  assert.equal(mem[GRU_CALL_FIELDS.length + 1], 9);
});
