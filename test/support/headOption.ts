// The rule every builder with the option `head` keeps (src/models/denseHead.ts): an unknown value is
// an Error naming the builder, the option and the accepted values; "fused" off the cpu and wasm
// backends is an Error saying to use the default.
import * as assert from "node:assert/strict";
import type { DenseHead } from "../../src/index";
import { withOtherBackend } from "./otherBackend";

export async function assertHeadOptionChecked(builder: string, build: (head: DenseHead) => unknown): Promise<void> {
  assert.throws(() => build("keras" as DenseHead), new RegExp(`^Error: ${builder}: option head "keras", expected "tfjs" or "fused"$`));
  await withOtherBackend(`test-${builder}`, () => {
    assert.throws(() => build("fused"),
      new RegExp(`^Error: ${builder}: option head "fused" runs on the cpu and wasm backends, the active backend is "test-${builder}": use head "tfjs" \\(the default\\) there$`));
  });
}
