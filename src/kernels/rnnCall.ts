// The fused LSTM / SimpleRNN kernel's call block (src/kernels/wasm/rnn.ts, src/kernels/native/rnn.c):
// every phase takes the byte offset of one RnnCall. Its fields, in memory order, are listed only
// here (callBlock.ts: the generated AssemblyScript class and C struct, the JS writer with absent
// fields 0). Shapes: B batch, T time, D inputDim, Hp units padded to a multiple of the kernel's
// unitAlign (4 WebAssembly, 4, 8 or 16 native), G gate blocks (LSTM 4: i | f | c̃ | o; SimpleRNN 1).
// All buffers are time-major; the table in docs/kernel.md.
import { callBlock, type CallBlock } from "./callBlock";

/**
 * The RnnCall block: sizes, every buffer's byte offset (0 = absent), and this thread's share.
 *
 * @example
 * writeCallBlock(RNN_CALL, kernel.i32(), at.blocks, { batch: 64, time: 30, inputDim: 8, hp: 128, gates: 4, x: at.x });
 */
export const RNN_CALL = callBlock("RnnCall", "rnn", {
  // B, T, D, Hp; G: 4 for the LSTM, 1 for the SimpleRNN
  batch: "int", time: "int", inputDim: "int", hp: "int", gates: "int",
  // x [T·B, D]; kernel W [D, G·Hp]; recurrentKernel U [Hp, G·Hp] (padded rows and columns zero); bias [G·Hp] (zeros without bias)
  x: "offset", w: "offset", u: "offset", bias: "offset",
  // gate rows [T·B, G·Hp]: x·W + b, then (LSTM) the activations i, f, c̃, o; (SimpleRNN) pre-activations
  act: "offset",
  // hidden states [(T+1)·B, Hp]: slot 0 = h0, slot t+1 = h_t; LSTM cell states likewise (0 for the SimpleRNN)
  hs: "offset", cs: "offset",
  // U packed for h·U (packForward, read by forwardSteps), or Uᵀ for dg·Uᵀ (packBackward, read by backwardSteps)
  packed: "offset",
  // dL/dh_t from the outputs [T·B, Hp]; LSTM: dL/d(i, f, c̃, o) from the outputs as gate rows [T·B, 4·Hp], dL/dc_t [T·B, Hp] (or 0)
  dhOut: "offset", dgatesOut: "offset", dcOut: "offset",
  // dL/d(pre-activations) [T·B, G·Hp] (written by the backward steps)
  dg: "offset",
  // dL/dh and (LSTM) dL/dc carried between steps [B, Hp]: in zeros, out dL/dh0, dL/dc0
  dh: "offset", dc: "offset",
  // dL/dW [D, G·Hp], dL/dU [Hp, G·Hp], dL/db [G·Hp], dL/dx [T·B, D]
  dW: "offset", dU: "offset", dBias: "offset", dx: "offset",
  // this thread's range: rows (forwardInput) or batch elements (steps) [lo, hi)
  lo: "int", hi: "int",
  // this thread's part (0 or 1) of `parts` (backwardWeights splits by units and rows)
  part: "int", parts: "int",
  // this thread's packing scratch (KC · paddedColumns(max(G·Hp, D)) floats) and 32 bytes of tmp
  scratch: "offset", tmp: "offset",
});

/** An RnnCall's field names. */
export type RnnCallField = (typeof RNN_CALL)["fields"][number];
/** The block's type, for a kernel that reads it. */
export type RnnCallBlock = CallBlock<RnnCallField>;
