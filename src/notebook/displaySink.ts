/** A Jupyter mime bundle: one output with several representations, the frontend picks one. */
export type MimeBundle = Record<string, unknown>;

/**
 * Where notebook outputs go. `send` shows a new output, or with `update` replaces the output
 * shown earlier under the same `displayId` (Jupyter's update_display_data).
 *
 * @example
 * const sent: MimeBundle[] = [];
 * const sink: DisplaySink = { send: (bundle) => sent.push(bundle) };  // in tests
 */
export interface DisplaySink {
  send(bundle: MimeBundle, options?: { displayId?: string; update?: boolean }): void;
}

type WriteDisplayData = (data: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void;

/** The running tslab kernel's display channel, found among the modules node has loaded. */
function runningTslabWriter(): WriteDisplayData | undefined {
  // tslab keeps the current cell's display writer in `dist/jupyter.js` (`lastWriteDisplayData`).
  // Its public `display.raw` sends one mime type per output; this channel sends whole bundles.
  // Looking through require.cache finds the kernel's own copy even when the kernel's tslab is
  // not the one this package would resolve (a global install).
  for (const [file, mod] of Object.entries(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) {
      const writer = (mod?.exports as { lastWriteDisplayData?: WriteDisplayData } | undefined)?.lastWriteDisplayData;
      if (typeof writer === "function") return writer;
    }
  }
  return undefined;
}

const theTslabSink: DisplaySink = {
  send(bundle, options = {}) {
    const writer = runningTslabWriter();
    if (!writer) {
      throw new Error(
        "grulab notebook display: not running inside a tslab kernel cell (no tslab display channel). " +
          "In a notebook, use the kernel \"TypeScript (grulab)\"; outside one, write charts with figureToHtml or exportChart.");
    }
    const transient = options.displayId ? { display_id: options.displayId } : {};
    writer({ data: bundle, metadata: {}, transient }, Boolean(options.update));
  },
};

/**
 * The sink of the tslab kernel this code runs in. tslab is never imported by the library: the
 * kernel's own loaded copy is looked up when something is shown, so the library loads outside a
 * kernel; showing something outside one throws an error saying what to use instead.
 *
 * @example
 * tslabSink().send({ "text/plain": "hello", "text/html": "<b>hello</b>" });
 */
export function tslabSink(): DisplaySink {
  return theTslabSink;
}
