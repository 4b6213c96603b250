// rnnLayout, stageRnnInputs, readGateColumns and writeRnnBlocks: buffers against what each must
// hold (the LSTM/SimpleRNN table in docs/kernel.md), staged weights against plain-JS padding, and
// the call blocks read back through the kernel's own struct (rnnCallEcho).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rnnKernelModule, type RnnKernelModule } from "../../src/kernels/rnnKernelModule";
import { readGateColumns, rnnLayout, stageRnnInputs, writeRnnBlocks, type RnnKernelShape } from "../../src/kernels/rnnKernelLayout";
import { RNN_CALL } from "../../src/kernels/rnnCall";
import { randomArray, randomSource } from "../support/gruTestReferences";

const ceil8 = (n: number) => Math.ceil(n / 8) * 8;

function fakeModule(unitAlign: number): RnnKernelModule & { reserved: number } {
  const m = {
    unitAlign, heapBase: 65536, reserved: 0,
    reserve(bytes: number) { m.reserved = bytes; },
    exports: { packedSize: (k: number, n: number) => k * ceil8(n), packedRecurrentSize: (g: number, hp: number) => 2 * g * hp * hp + 3 },
  };
  return m as unknown as RnnKernelModule & { reserved: number };
}

const ALL = ["blocks", "x", "w", "u", "bias", "act", "hs", "cs", "packed", "scratch0", "tmp0", "scratch1", "tmp1", "stage",
  "dhOut", "dgatesOut", "dcOut", "dg", "dh", "dc", "dW", "dU", "dBias", "dx"];

for (const [cell, unitAlign, backward, extras] of [["lstm", 4, false, false], ["lstm", 16, true, true], ["lstm", 8, true, false], ["simpleRnn", 4, true, false]] as const) {
  test(`rnnLayout (${cell}, unitAlign ${unitAlign}, backward ${backward}, extras ${extras}): buffers aligned, large enough, disjoint; absent ones 0; the saved state act..stateEnd`, () => {
    const s: RnnKernelShape = { cell, batch: 2, time: 3, inputDim: 5, units: 6 };
    const m = fakeModule(unitAlign);
    const at = rnnLayout(m, s, backward, extras) as unknown as Record<string, number>;
    const hp = Math.ceil(6 / unitAlign) * unitAlign, G = cell === "lstm" ? 4 : 1, gp = G * hp, rows = 6;
    assert.deepEqual([at.hp, at.gates], [hp, G]);
    const scratch = 256 * ceil8(Math.max(gp, 5));
    const want: Record<string, number> = {
      blocks: 2 * RNN_CALL.fields.length, x: rows * 5, w: 5 * gp, u: hp * gp, bias: gp, act: rows * gp, hs: 4 * 2 * hp,
      packed: m.exports.packedRecurrentSize(G, hp), scratch0: scratch, tmp0: 8, scratch1: scratch, tmp1: 8,
      // staging: every output of a forward [B, T, H] (h, c, 4 gates) or a backward's inputs
      stage: Math.max(6 * rows * 6 + 2 * 6, rows * 5 + 2 * 2 * 6),
    };
    if (cell === "lstm") want.cs = 4 * 2 * hp;
    if (backward) Object.assign(want, { dhOut: rows * hp, dg: rows * gp, dh: 2 * hp, dW: 5 * gp, dU: hp * gp, dBias: gp, dx: rows * 5 });
    if (backward && cell === "lstm") want.dc = 2 * hp;
    if (backward && extras) Object.assign(want, { dgatesOut: rows * gp, dcOut: rows * hp });
    for (const name of ALL) if (!(name in want)) assert.equal(at[name], 0, `${name} is absent`);
    const spans = Object.entries(want).map(([name, floats]) => ({ name, from: at[name], to: at[name] + 4 * floats })).sort((a, b) => a.from - b.from);
    for (const sp of spans) assert.ok(sp.from >= m.heapBase && sp.from % 64 === 0, `${sp.name} at ${sp.from}`);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i].from >= spans[i - 1].to, `${spans[i - 1].name} overlaps ${spans[i].name}`);
    // the state the backward needs (act, hs, cs) is one range ending at stateEnd
    const stateEnd = cell === "lstm" ? at.cs + 4 * want.cs : at.hs + 4 * want.hs;
    assert.ok(at.stateEnd >= stateEnd && at.stateEnd <= at.packed && at.act < at.hs);
    assert.ok(m.reserved >= Math.max(...spans.map((sp) => sp.to)));
  });
}

test("stageRnnInputs: x and h0, c0 time-major; W, U and bias with each gate block padded from H to Hp columns (padding 0); readGateColumns undoes the padding", () => {
  const m = rnnKernelModule();
  const s: RnnKernelShape = { cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 3 };
  const rand = randomSource(5);
  const H = 3, G = 4;
  const inp = { x: randomArray(12, rand), h0: randomArray(6, rand), c0: randomArray(6, rand), kernel: randomArray(2 * G * H, rand),
    recurrentKernel: randomArray(H * G * H, rand), bias: randomArray(G * H, rand) };
  const at = rnnLayout(m, s, false, false);
  const hp = at.hp;
  const mem = m.f32();
  mem.fill(9, at.x / 4, at.act / 4); // stale values of an earlier call: the padding must be rewritten
  stageRnnInputs(m, s, inp, at);
  const f = m.f32();
  for (let t = 0; t < 3; t++) for (let b = 0; b < 2; b++) for (let d = 0; d < 2; d++) assert.equal(f[at.x / 4 + (t * 2 + b) * 2 + d], inp.x[(b * 3 + t) * 2 + d]);
  for (let b = 0; b < 2; b++) {
    for (let j = 0; j < hp; j++) {
      assert.equal(f[at.hs / 4 + b * hp + j], j < H ? inp.h0[b * H + j] : 0, `h0 (${b}, ${j})`);
      assert.equal(f[at.cs / 4 + b * hp + j], j < H ? inp.c0[b * H + j] : 0, `c0 (${b}, ${j})`);
    }
  }
  const padded = (src: Float32Array, rows: number, from: number, totalRows = rows) => {
    for (let r = 0; r < totalRows; r++) {
      for (let q = 0; q < G; q++) {
        for (let j = 0; j < hp; j++) {
          const want = r < rows && j < H ? src[r * G * H + q * H + j] : 0;
          assert.equal(f[from / 4 + r * G * hp + q * hp + j], want, `row ${r} gate ${q} column ${j}`);
        }
      }
    }
  };
  padded(inp.kernel, 2, at.w);
  padded(inp.recurrentKernel, H, at.u, hp); // U's padded rows are 0 too
  padded(inp.bias, 1, at.bias);
  assert.deepEqual(readGateColumns(f, at.w / 4, 2, G, H, hp), inp.kernel);
  assert.deepEqual(readGateColumns(f, at.u / 4, H, G, H, hp), inp.recurrentKernel);
});

test("writeRnnBlocks: each part's block holds the buffers, its scratch and its [lo, hi) share of a range", () => {
  const m = rnnKernelModule();
  const s: RnnKernelShape = { cell: "simpleRnn", batch: 5, time: 2, inputDim: 3, units: 4 };
  const at = rnnLayout(m, s, true, false);
  const range = writeRnnBlocks(m, s, at, 2);
  const read = (block: number) => {
    m.exports.rnnCallEcho(block, at.stage);
    return Object.fromEntries(RNN_CALL.fields.map((f, i) => [f, m.i32()[at.stage / 4 + i]]));
  };
  const blocks = range(7);
  assert.deepEqual(blocks, [at.blocks, at.blocks + RNN_CALL.bytes]);
  const [p0, p1] = blocks.map(read);
  assert.deepEqual([p0.lo, p0.hi, p1.lo, p1.hi], [0, 3, 3, 7]);
  assert.deepEqual([p0.part, p1.part, p0.parts, p0.batch, p0.time, p0.inputDim, p0.hp, p0.gates], [0, 1, 2, 5, 2, 3, at.hp, 1]);
  assert.deepEqual([p0.scratch, p0.tmp, p1.scratch, p1.tmp], [at.scratch0, at.tmp0, at.scratch1, at.tmp1]);
  for (const f of ["x", "w", "u", "bias", "act", "hs", "packed", "dhOut", "dg", "dh", "dW", "dU", "dBias", "dx"]) assert.equal(p1[f], (at as unknown as Record<string, number>)[f], f);
  assert.deepEqual([p0.cs, p0.dc, p0.dgatesOut], [0, 0, 0]);
  range(0);
  assert.deepEqual([read(at.blocks).hi, read(at.blocks + RNN_CALL.bytes).lo], [0, 0]);
});
