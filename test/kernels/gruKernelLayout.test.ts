// gruKernelLayout and writeGruCalls: buffers against what each must hold (the GRU table in
// docs/kernel.md), computed here from the shape; the call structs read back through the kernel's
// own struct (gruCallEcho).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruKernel, type GruKernel } from "../../src/kernels/gruKernel";
import { gruKernelLayout, writeGruCalls, type GruKernelShape } from "../../src/kernels/gruKernelLayout";
import { GRU_CALL } from "../../src/kernels/gruCall";

const ceil8 = (n: number) => Math.ceil(n / 8) * 8;

// A stand-in kernel: its sizes are known here, its memory is a plain array, reserve is recorded.
function fakeKernel(unitAlign: number): GruKernel & { reserved: number } {
  const k = {
    unitAlign, heapBase: 65536, reserved: 0, memory: null as unknown as WebAssembly.Memory,
    reserve(bytes: number) { k.reserved = bytes; },
    f32: () => new Float32Array(0), i32: () => new Int32Array(0), flavour: "fake", worker: { wasmModule: null, nativePath: null },
    exports: { scratchSize: (n: number) => 256 * ceil8(n), packedRecurrentSize: (hp: number) => 3 * hp * hp + 5 },
  };
  return k as unknown as GruKernel & { reserved: number };
}

// Floats each buffer must hold for shape s with units padded to hp (rows = batch·time; gate rows 3·hp wide).
function needs(s: GruKernelShape, hp: number, k: GruKernel): Record<string, number> {
  const rows = s.batch * s.time, g = 3 * hp;
  const scratch = 256 * ceil8(Math.max(g, s.inputDim));
  return {
    x: rows * s.inputDim, w: s.inputDim * g, u: hp * g, bIn: g, bRec: g, xw: rows * g, hs: (s.time + 1) * s.batch * hp,
    z: rows * hp, r: rows * hp, hTilde: rows * hp, [s.resetAfter ? "hUh" : "rh"]: rows * hp, hu: s.batch * g,
    packed: k.exports.packedRecurrentSize(hp), scratch, tmp: 8, scratch2: scratch, tmp2: 8,
    stage: 4 * rows * Math.max(s.units, s.inputDim, hp), call0: GRU_CALL.fields.length, call1: GRU_CALL.fields.length,
  };
}
const BACKWARD = (s: GruKernelShape, hp: number) => {
  const rows = s.batch * s.time, g = 3 * hp;
  return { dhOut: rows * hp, dgx: rows * g, dh: s.batch * hp, drh: s.batch * hp, dU: hp * g, dW: s.inputDim * g, dx: rows * s.inputDim, dBias: 2 * g };
};

for (const [unitAlign, resetAfter, backward, gateGradients] of [[4, true, false, false], [4, false, true, false], [16, true, true, true], [8, false, true, true]] as const) {
  test(`gruKernelLayout (unitAlign ${unitAlign}, resetAfter ${resetAfter}, backward ${backward}, gate gradients ${gateGradients}): every buffer 64-byte aligned, large enough, disjoint; absent ones 0; the state one range`, () => {
    const s: GruKernelShape = { batch: 2, time: 3, inputDim: 5, units: 6, resetAfter };
    const k = fakeKernel(unitAlign);
    const at = gruKernelLayout(k, s, backward, gateGradients) as unknown as Record<string, number>;
    const hp = Math.ceil(6 / unitAlign) * unitAlign;
    assert.equal(at.hp, hp);
    const want: Record<string, number> = { ...needs(s, hp, k), ...(backward ? BACKWARD(s, hp) : {}) };
    if (backward && resetAfter) want.dgh = s.batch * s.time * 3 * hp;
    if (backward && gateGradients) Object.assign(want, { dzOut: 6 * hp, drOut: 6 * hp, dhTildeOut: 6 * hp });
    const all = ["hUh", "rh", "dhOut", "dgx", "dh", "drh", "dU", "dW", "dx", "dBias", "dgh", "dzOut", "drOut", "dhTildeOut"];
    for (const name of all) if (!(name in want)) assert.equal(at[name], 0, `${name} is absent`);
    const spans = Object.entries(want).map(([name, floats]) => ({ name, from: at[name], to: at[name] + 4 * floats }));
    for (const sp of spans) {
      assert.ok(sp.from >= k.heapBase && sp.from % 64 === 0, `${sp.name} at ${sp.from}`);
      assert.ok(sp.to <= at.end, `${sp.name} ends before the layout's end`);
    }
    spans.sort((a, b) => a.from - b.from);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i].from >= spans[i - 1].to, `${spans[i - 1].name} overlaps ${spans[i].name}`);
    const state = ["hs", "z", "r", "hTilde", resetAfter ? "hUh" : "rh"];
    const order = spans.map((sp) => sp.name);
    assert.deepEqual(order.slice(order.indexOf("hs"), order.indexOf("hs") + 5), state, "hs, z, r, h̃, hUh/rh are consecutive");
    const afterState = spans[order.indexOf("hs") + 5];
    assert.equal(at.stateEnd, afterState.from, "the state range ends where the next buffer (the forward's x·W, not kept) starts");
    assert.equal(afterState.name, "xw");
    assert.equal(k.reserved, at.end);
  });
}

test("writeGruCalls: the kernel reads the shape, every buffer, its part, the chunk count (two threads: min(4, batch)) and (part 1) the second thread's scratch", () => {
  const k = gruKernel();
  const s: GruKernelShape = { batch: 3, time: 2, inputDim: 4, units: 5, resetAfter: false };
  const at = gruKernelLayout(k, s, true, false);
  const calls = writeGruCalls(k, s, at, 2);
  assert.deepEqual(calls, [at.call0, at.call1]);
  const echo = at.end;
  k.reserve(echo + GRU_CALL.bytes);
  const read = (call: number) => {
    k.exports.gruCallEcho(call, echo);
    return Object.fromEntries(GRU_CALL.fields.map((f, i) => [f, k.i32()[echo / 4 + i]]));
  };
  const [p0, p1] = calls.map(read);
  const layout = at as unknown as Record<string, number>;
  for (const f of ["x", "w", "u", "bIn", "bRec", "xw", "hs", "z", "r", "hTilde", "rh", "hu", "packed", "dhOut", "dgx", "dh", "drh", "dU", "dW", "dx", "dBias"]) {
    assert.equal(p0[f], layout[f], f);
    assert.equal(p1[f], layout[f], f);
  }
  assert.deepEqual([p0.resetAfter, p0.batch, p0.time, p0.inputDim, p0.hp, p0.part, p0.parts], [0, 3, 2, 4, at.hp, 0, 3]);
  assert.deepEqual([p0.scratch, p0.tmp, p0.hUh, p0.dgh, p0.dzOut], [at.scratch, at.tmp, 0, 0, 0]);
  assert.deepEqual([p1.part, p1.parts, p1.scratch, p1.tmp], [1, 3, at.scratch2, at.tmp2]);
  const wide = { ...s, batch: 64 };
  const atWide = gruKernelLayout(k, wide, true, false);
  writeGruCalls(k, wide, atWide, 2);
  assert.equal(k.i32()[atWide.call1 / 4 + GRU_CALL.index.parts], 4);
  assert.deepEqual(writeGruCalls(k, s, at, 1), [at.call0]);
  assert.deepEqual([read(at.call0).part, read(at.call0).parts], [0, 1]);
});
