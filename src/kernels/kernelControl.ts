/**
 * Slots of the Int32Array shared by the main thread and the kernel's worker (src/kernels/kernelWorker.ts).
 *
 * @example
 * Atomics.wait(ctrl, KERNEL_CONTROL.done, lastSeen);
 */
export const KERNEL_CONTROL = {
  /** Request counter: the main thread increments it to post a call. */
  request: 0,
  /** The last request the worker finished. */
  done: 1,
  /** 1 once the worker has instantiated the module. */
  ready: 2,
  /** 1 if the last call threw in the worker. */
  failed: 3,
  /** Index of the export to call (in the `names` list given to the worker). */
  command: 4,
  /**
   * The last request whose worker part was claimed: by the worker (it runs it) or by the main
   * thread, which runs the part itself when the worker has not started it by the time its own
   * part is done (a worker woken from a sleep starts up to ~10 ms late on these VMs).
   */
  claim: 6,
  /** Number of arguments, then the arguments (all i32) from slot `args` on. */
  argc: 5,
  args: 8,
  /**
   * Chunked phases (runPhase with chunks): how many chunks, the i32 index in memory of the `part`
   * field each thread writes into its own call block before running a chunk, the next chunk to
   * claim (tagged: request << 8 | chunk, so a late worker never claims a later request's chunk),
   * how many chunks are finished, and how many chunks the worker has run in all.
   */
  chunks: 40,
  partAt: 41,
  nextChunk: 42,
  finishedChunks: 43,
  workerChunks: 44,
  /**
   * The CPU the main thread ran on when it last woke the worker (-1: unknown); a native worker
   * keeps itself off that CPU (Linux woke it onto the caller's CPU after idle gaps).
   */
  mainCpu: 45,
  /** Slots in all. */
  size: 64,
} as const;
