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

/** Deno's Jupyter API (`deno jupyter`), present on `globalThis.Deno` inside a Deno kernel. */
interface DenoJupyter {
  broadcast(msgType: string, content: object): Promise<void> | void;
}

/** The running Deno Jupyter kernel's message channel, or undefined outside one. */
function runningDenoJupyter(): DenoJupyter | undefined {
  const jupyter = (globalThis as { Deno?: { jupyter?: Partial<DenoJupyter> } }).Deno?.jupyter;
  return typeof jupyter?.broadcast === "function" ? (jupyter as DenoJupyter) : undefined;
}

const theKernelSink: DisplaySink = {
  send(bundle, options = {}) {
    const transient = options.displayId ? { display_id: options.displayId } : {};
    const writer = runningTslabWriter();
    if (writer) return writer({ data: bundle, metadata: {}, transient }, Boolean(options.update));
    const deno = runningDenoJupyter();
    if (deno) {
      // What Deno.jupyter.display(bundle, { raw: true, update, display_id }) sends; messages go out in call order.
      // (Deno 2.9 returns nothing; older versions a promise.)
      Promise.resolve(deno.broadcast(options.update ? "update_display_data" : "display_data", { data: bundle, metadata: {}, transient }))
        .catch((err: unknown) => console.error(`grulab notebook display: Deno's kernel refused an output: ${String(err)}`));
      return;
    }
    throw new Error(
      "grulab notebook display: not running inside a tslab kernel cell or a Deno Jupyter kernel (no display channel). " +
        "In a notebook, use the kernel \"TypeScript (grulab)\" (npx grulab kernel install) or Deno's (deno jupyter --install); " +
        "outside one, write charts with figureToHtml or exportChart.");
  },
};

/**
 * The display channel of the Jupyter kernel this code runs in: grulab's tslab kernel (its loaded
 * tslab's display writer), else Deno's Jupyter kernel (`Deno.jupyter.broadcast`: display_data and
 * update_display_data, as `Deno.jupyter.display` sends them). tslab is never imported by the library:
 * the kernel's own loaded copy is looked up when something is shown, so the library loads outside a
 * kernel; showing something outside one throws an error saying what to use instead.
 *
 * @example
 * kernelSink().send({ "text/plain": "hello", "text/html": "<b>hello</b>" });
 */
export function kernelSink(): DisplaySink {
  return theKernelSink;
}
