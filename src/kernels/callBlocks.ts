import type { CallBlock } from "./callBlock";
import { GRU_CALL } from "./gruCall";
import { RNN_CALL } from "./rnnCall";

/**
 * Every kernel's call block: scripts/build-kernels.js generates the AssemblyScript class and the C
 * struct of each, and test/kernels/callBlock.test.ts checks each against every build of its kernel.
 *
 * @example
 * for (const b of CALL_BLOCKS) console.log(b.type, b.fields.length);
 */
export const CALL_BLOCKS: readonly CallBlock<string>[] = [GRU_CALL, RNN_CALL];
