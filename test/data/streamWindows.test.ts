import { test } from "node:test";
import * as assert from "node:assert/strict";
import { streamWindows } from "../../src/data/streamWindows";

test("streamWindows: batch w holds window w of every stream; each stream is contiguous from window to window; targets are the next ids", () => {
  const ids = Array.from({ length: 50 }, (_, i) => i); // ids = positions: every value says where it came from
  const d = streamWindows(ids, { streams: 3, timesteps: 4 });
  // (50 − 1) / 3 = 16.3 → 4 windows of 4 per stream: streams start at 0, 16, 32
  assert.deepEqual([d.streams, d.windowsPerStream, d.streamLength, d.usedCharacters, d.droppedCharacters], [3, 4, 16, 48, 1]);
  assert.deepEqual(d.x.shape, [12, 4]);
  assert.deepEqual(d.y.shape, [12, 4, 1]);
  const x = d.x.arraySync() as number[][];
  const y = (d.y.arraySync() as number[][][]).map((row) => row.map((v) => v[0]));
  for (let w = 0; w < 4; w++) {
    for (let s = 0; s < 3; s++) {
      assert.deepEqual(x[w * 3 + s], [0, 1, 2, 3].map((t) => 16 * s + 4 * w + t), `window ${w} of stream ${s}`);
      assert.deepEqual(y[w * 3 + s], x[w * 3 + s].map((v) => v + 1));
    }
  }
  assert.equal(d.x.dtype, "int32");
  // every input position is used once
  assert.deepEqual(x.flat().sort((a, b) => a - b), Array.from({ length: 48 }, (_, i) => i));
  d.x.dispose();
  d.y.dispose();
});

test("streamWindows: too short a text, or a bad option, is an error naming what is needed", () => {
  assert.throws(() => streamWindows([1, 2, 3, 4, 5], { streams: 2, timesteps: 3 }), { message: "streamWindows: 5 ids make no window of 3 characters in each of 2 streams (need at least 7)" });
  assert.throws(() => streamWindows([1, 2, 3], { streams: 0, timesteps: 3 }), { message: "streamWindows option streams: 0, expected a positive integer" });
  assert.throws(() => streamWindows([1, 2, 3], { streams: 1, timesteps: 1.5 }), { message: "streamWindows option timesteps: 1.5, expected a positive integer" });
});
