/**
 * How long after the first signal another one counts as the same press: a terminal sends Ctrl-C
 * to every process of its foreground group, and a parent that passes signals on (`timeout`, npm,
 * a shell script) delivers it again, so one press can arrive twice, microseconds or, on a loaded
 * machine, milliseconds apart.
 */
const SAME_PRESS_MS = 500;

/**
 * Calls `onSignal` at the first SIGINT or SIGTERM and returns the function that removes the
 * handlers. A signal within 0.5 s of the first is the same press delivered again and is ignored;
 * a later one removes the handlers and ends the process the default way (killed by that signal;
 * the folder is then as after kill -9: consistent as of the last epoch), unless another watcher
 * still holds a handler for it (that one ends the process when it sees the signal).
 *
 * @example
 * const unwatch = watchSignals((signal) => controller.abort(new Error(signal)));
 * try { await longWork(controller.signal); } finally { unwatch(); }
 */
export function watchSignals(onSignal: (signal: "SIGINT" | "SIGTERM") => void): () => void {
  let firstAt: number | null = null;
  const handle = (signal: "SIGINT" | "SIGTERM") => {
    if (firstAt === null) {
      firstAt = performance.now();
      onSignal(signal);
      return;
    }
    if (performance.now() - firstAt < SAME_PRESS_MS) return; // the first press, delivered again
    remove();
    // Without a handler the signal's default action ends the process, as if none had been set.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const handlers = { SIGINT: () => handle("SIGINT"), SIGTERM: () => handle("SIGTERM") };
  const remove = () => {
    process.off("SIGINT", handlers.SIGINT);
    process.off("SIGTERM", handlers.SIGTERM);
  };
  process.on("SIGINT", handlers.SIGINT);
  process.on("SIGTERM", handlers.SIGTERM);
  return remove;
}
