/**
 * The call block of the fused LSTM / SimpleRNN kernel: one struct of i32 fields in the kernel's
 * memory, written by the JS glue (src/kernels/rnnKernel.ts) and read by every export of rnn.wasm
 * (src/kernels/wasm/rnn.ts, which imports this same file: the offsets are defined only here).
 * Field f lives at byte `block + 4·f`. Pointers are byte offsets into the kernel's memory; 0 means
 * "absent" for the optional ones. Shapes: B batch, T time, D inputDim, Hp units padded to a
 * multiple of the kernel's unitAlign (4 WebAssembly, 8 or 16 native), G gate blocks (LSTM 4:
 * i | f | c̃ | o; SimpleRNN 1). All buffers are time-major. The native kernel (rnn.c) reads the
 * same fields through the C struct RnnCall that scripts/build-kernels.js generates from this enum.
 *
 * @example
 * block[RnnArg.batch] = 64; // JS: an Int32Array view on the block
 */
export enum RnnArg {
  /** B */
  batch,
  /** T */
  time,
  /** D */
  inputDim,
  /** Hp */
  hp,
  /** G: 4 for the LSTM, 1 for the SimpleRNN. */
  gates,
  /** x [T·B, D] */
  x,
  /** kernel W [D, G·Hp] */
  w,
  /** recurrentKernel U [Hp, G·Hp] (padded rows and columns zero) */
  u,
  /** bias [G·Hp] (zeros without bias) */
  bias,
  /** gate rows [T·B, G·Hp]: x·W + b, then (LSTM) the activations i, f, c̃, o; (SimpleRNN) pre-activations */
  act,
  /** hidden states [(T+1)·B, Hp]: slot 0 = h0, slot t+1 = h_t */
  hs,
  /** LSTM cell states [(T+1)·B, Hp]: slot 0 = c0, slot t+1 = c_t (0 for the SimpleRNN) */
  cs,
  /** U packed for h·U (forward) */
  packedU,
  /** Uᵀ packed for dg·Uᵀ (backward) */
  packedUT,
  /** dL/dh_t from the outputs [T·B, Hp] */
  dout,
  /** LSTM: dL/d(i, f, c̃, o) from the outputs as gate rows [T·B, 4·Hp], or 0 */
  dgates,
  /** LSTM: dL/dc_t from the outputs [T·B, Hp], or 0 */
  dcs,
  /** dL/d(pre-activations) [T·B, G·Hp] (written by the backward steps) */
  dg,
  /** dL/dh carried between steps [B, Hp]: in zeros, out dL/dh0 */
  dh,
  /** LSTM: dL/dc carried between steps [B, Hp]: in zeros, out dL/dc0 */
  dc,
  /** dL/dW [D, G·Hp] */
  dW,
  /** dL/dU [Hp, G·Hp] */
  dU,
  /** dL/db [G·Hp] */
  dBias,
  /** dL/dx [T·B, D] */
  dx,
  /** This thread's range: rows (forwardInput) or batch elements (steps) [lo, hi). */
  lo,
  hi,
  /** This thread's part (0 or 1) of `parts` (backwardWeights splits by units and rows). */
  part,
  parts,
  /** This thread's packing scratch (KC · paddedColumns(max(G·Hp, D)) floats) and 32 bytes of tmp. */
  scratch,
  tmp,
  /** Number of fields. */
  count,
}
