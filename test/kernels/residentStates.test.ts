// residentStates: which kept states stay in place, where the next call may start, and what a copy-out saves.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { residentStates, type ResidentState } from "../../src/kernels/residentStates";
import { kernelMemory } from "../../src/kernels/wasmKernel";

function setUp() {
  const k = { ...kernelMemory("residentStates test"), heapBase: 1024 };
  k.f32().forEach((_, i, a) => (a[i] = i)); // each float holds its own index: a copy says where it came from
  return { k, resident: residentStates<ResidentState>(() => k) };
}

test("a kept state moves the free start above it (64-byte aligned); a backward of the top state runs in place at its base", () => {
  const { resident } = setUp();
  assert.deepEqual(resident.evict(null, true), { inPlace: false, base: 1024 });
  const a: ResidentState = { saved: null };
  resident.keep(a, 1024, 1100, 2000);
  assert.equal(resident.freeStart(), 2048);
  assert.deepEqual(resident.evict(null, true), { inPlace: false, base: 2048 });
  const b: ResidentState = { saved: null };
  resident.keep(b, 2048, 2100, 3000);
  assert.equal(resident.freeStart(), 3008);
  // a call that keeps nothing starts above both and copies nothing
  assert.deepEqual(resident.evict(null, false), { inPlace: false, base: 3008 });
  assert.equal(a.saved, null);
  // b's backward: in place at its base; b is no longer kept
  assert.deepEqual(resident.evict(b, false), { inPlace: true, base: 2048 });
  b.consumed = true;
  assert.equal(resident.freeStart(), 2048);
  // a's backward after b's: in place too
  assert.deepEqual(resident.evict(a, false), { inPlace: true, base: 1024 });
});

test("a backward of a lower state copies out the states above it; a third kept state copies out all; a consumed state is dropped", () => {
  const { resident } = setUp();
  const [a, b, c]: ResidentState[] = [{ saved: null }, { saved: null }, { saved: null }];
  resident.keep(a, 1024, 1088, 1600);
  resident.keep(b, 1664, 1728, 2048);
  assert.deepEqual(resident.evict(a, false), { inPlace: true, base: 1024 });
  assert.deepEqual(Array.from(b.saved!.subarray(0, 2)), [1728 / 4, 1728 / 4 + 1], "b's copy holds [from, to)");
  assert.equal(b.saved!.length, (2048 - 1728) / 4);
  assert.equal(a.saved, null);
  // b is no longer resident: its backward is not in place
  assert.equal(resident.evict(b, false).inPlace, false);

  const { resident: r2 } = setUp();
  r2.keep(a, 1024, 1088, 1600);
  r2.keep(b, 1664, 1728, 2048);
  a.saved = b.saved = null;
  assert.deepEqual(r2.evict(null, true), { inPlace: false, base: 1024 }, "the third kept state starts at the bottom");
  assert.ok(a.saved !== null && b.saved !== null, "both copied out");
  r2.keep(c, 1024, 1088, 1500);
  c.consumed = true;
  assert.equal(r2.freeStart(), 1024, "a consumed state is not kept");
});
