/**
 * Calls `onSignal` at the first SIGINT or SIGTERM and returns the function that removes the
 * handlers. Both handlers are removed at the first signal, so a second Ctrl-C ends the process
 * the default way (the folder is then as after kill -9: consistent as of the last epoch).
 */
export function watchSignals(onSignal: (signal: "SIGINT" | "SIGTERM") => void): () => void {
  const handlers = {
    SIGINT: () => { remove(); onSignal("SIGINT"); },
    SIGTERM: () => { remove(); onSignal("SIGTERM"); },
  };
  const remove = () => {
    process.off("SIGINT", handlers.SIGINT);
    process.off("SIGTERM", handlers.SIGTERM);
  };
  process.on("SIGINT", handlers.SIGINT);
  process.on("SIGTERM", handlers.SIGTERM);
  return remove;
}
