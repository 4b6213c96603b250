/**
 * Runs `f` with GRULAB_THREADS set to `n` (undefined: unset), restoring the variable afterwards
 * (the kernels read it at each call).
 *
 * @example
 * const two = withThreads("2", () => gruKernelForward(c, a, true));
 */
export function withThreads<T>(n: string | undefined, f: () => T): T {
  const before = process.env.GRULAB_THREADS;
  if (n === undefined) delete process.env.GRULAB_THREADS;
  else process.env.GRULAB_THREADS = n;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.GRULAB_THREADS;
    else process.env.GRULAB_THREADS = before;
  }
}
