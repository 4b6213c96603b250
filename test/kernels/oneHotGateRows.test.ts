// gatherGateRows / scatterGateRows: the gate rows of one-hot inputs given as ids against the
// one-hot matmul written out (x·W + b and xᵀ·dg over explicit one-hot rows), padding included.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gatherGateRows, scatterGateRows } from "../../src/kernels/oneHotGateRows";
import { kernelMemory } from "../../src/kernels/wasmKernel";
import { randomArray, randomSource } from "../support/gruTestReferences";

const s = { batch: 3, time: 4, depth: 5, gates: 4, units: 3, hp: 4 };
const ids = Int32Array.from([0, 4, 2, 2, 1, -1, 3, 0, 4, 4, 9, 1]); // [batch, time]; -1 and 9: all-zero one-hot rows
const oneHot = (b: number, t: number, v: number) => (ids[b * s.time + t] === v ? 1 : 0);
const GH = s.gates * s.units, gp = s.gates * s.hp;

test("gatherGateRows: time-major row t·batch + b = onehot(id)·W + b in each gate's first `units` columns, 0 in the padding; the table lies at or above `free`", () => {
  const rand = randomSource(3);
  const kernel = randomArray(s.depth * GH, rand), bias = randomArray(GH, rand);
  const k = kernelMemory("oneHotGateRows test");
  const dst = 1024, free = 1024 + 4 * s.batch * s.time * gp + 8;
  k.f32().fill(7, dst / 4, free / 4); // the padding must be overwritten with 0
  gatherGateRows(k, s, ids, kernel, bias, dst, free);
  const mem = k.f32();
  for (let t = 0; t < s.time; t++) {
    for (let b = 0; b < s.batch; b++) {
      const row = dst / 4 + (t * s.batch + b) * gp;
      for (let q = 0; q < s.gates; q++) {
        for (let j = 0; j < s.hp; j++) {
          let want = 0;
          if (j < s.units) {
            want = bias[q * s.units + j];
            for (let v = 0; v < s.depth; v++) want += oneHot(b, t, v) * kernel[v * GH + q * s.units + j];
          }
          assert.equal(mem[row + q * s.hp + j], Math.fround(want), `t ${t} b ${b} gate ${q} unit ${j}`);
        }
      }
    }
  }
  // without a bias: the kernel rows alone (an all-zero row: zeros)
  gatherGateRows(k, s, ids, kernel, null, dst, free);
  assert.equal(k.f32()[dst / 4 + (1 * s.batch + 1) * gp], 0, "id −1 at b 1, t 1 (index 5) gives 0");
  assert.equal(k.f32()[dst / 4], kernel[0], "id 0 at b 0, t 0");
});

test("scatterGateRows: dW = xᵀ·dg over the one-hot rows (ids outside the depth add nothing), padding columns dropped", () => {
  const rand = randomSource(4);
  const mem = new Float32Array(16 + s.batch * s.time * gp);
  mem.set(randomArray(s.batch * s.time * gp, rand), 16);
  const got = scatterGateRows(mem, 16, ids, s);
  assert.equal(got.length, s.depth * GH);
  for (let v = 0; v < s.depth; v++) {
    for (let q = 0; q < s.gates; q++) {
      for (let j = 0; j < s.units; j++) {
        let want = 0;
        for (let t = 0; t < s.time; t++) for (let b = 0; b < s.batch; b++) want += oneHot(b, t, v) * mem[16 + (t * s.batch + b) * gp + q * s.hp + j];
        assert.ok(Math.abs(got[v * GH + q * s.units + j] - want) <= 1e-6 * (1 + Math.abs(want)), `v ${v} gate ${q} unit ${j}`);
      }
    }
  }
});
