import * as fs from "fs";
import Module = require("module");
import * as path from "path";

/**
 * One textual edit of a file of tslab's `dist/`: `find` must occur exactly once.
 * All five edits (shorthand properties, own exports, timers; messages in order, IOPub high-water
 * mark), as a diff against tslab 1.0.22's TypeScript source, are in docs/tslab-upstream.patch (ready
 * to send upstream; built from source, it behaves as these edits do: docs/jupyter.md).
 */
interface TslabEdit {
  /** What the edit repairs, for messages. */
  purpose: string;
  find: string;
  replace: string;
}

/**
 * tslab 1.0.22 rewrites a name declared in an earlier cell to `exports.NAME` when
 * `checker.getSymbolAtLocation(identifier)` is declared in the earlier cells' declarations. For the
 * identifier of a shorthand property (`{ T }`, also as a destructuring target `({ p } = o)` and
 * with a default `({ w = 7 } = {})`) that call returns the *property's* symbol, so the name stayed
 * bare: `ReferenceError: T is not defined`, or an assignment to a fresh global. The variable's
 * symbol is `checker.getShorthandAssignmentValueSymbol(property)`; such a property becomes
 * `T: exports.T` (`w: exports.w = 7`).
 * tslab also appends `export { every local }` to each cell, which collides with the cell's own
 * `export const E = …` ("Cannot redeclare exported variable"): names the cell exports itself are
 * left out of that list.
 */
const CONVERTER_EDITS: readonly TslabEdit[] = [
  {
    purpose: "shorthand properties name the earlier cell's variable",
    find: `        function wrapPrevIdentifier(node) {
            var _a, _b;
            if (!ts.isIdentifier(node)) {`,
    replace: `        function isPrevSymbol(symbol) {
            var _a;
            for (const decl of (_a = symbol === null || symbol === void 0 ? void 0 : symbol.declarations) !== null && _a !== void 0 ? _a : []) {
                if (decl.getSourceFile() === declsFile) {
                    return true;
                }
            }
            return false;
        }
        function wrapPrevIdentifier(node) {
            var _a, _b;
            if (ts.isShorthandPropertyAssignment(node)) {
                const original = ts.getOriginalNode(node);
                if (!isPrevSymbol(checker.getShorthandAssignmentValueSymbol(original))) {
                    return ts.visitEachChild(node, wrapPrevIdentifier, nullTransformationContext);
                }
                const target = ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier("exports"), ts.factory.createIdentifier(ts.idText(node.name)));
                const value = node.objectAssignmentInitializer
                    ? ts.factory.createAssignment(target, ts.visitNode(node.objectAssignmentInitializer, wrapPrevIdentifier))
                    : target;
                return ts.factory.createPropertyAssignment(ts.factory.createIdentifier(ts.idText(node.name)), value);
            }
            if (!ts.isIdentifier(node)) {`,
  },
  {
    purpose: "a cell's own `export` is not exported twice",
    find: `            locals.forEach((_, key) => {
                keys.add(key);
            });`,
    replace: `            locals.forEach((symbol, key) => {
                // A local the cell exports itself (\`export const E\`) has an export symbol.
                if (!symbol.exportSymbol) {
                    keys.add(key);
                }
            });`,
  },
  {
    // TypeScript's watch keeps two timers (a program update and the invalidation of failed module
    // lookups); tslab held one. A file event between two cells that set both (an `npm install` or a
    // rebuild touching node_modules or a declaration file while a cell runs) threw "Unexpected pending
    // rebuildTimer" inside a file watcher's callback, and the kernel died.
    purpose: "a file changing while a cell runs does not kill the kernel",
    find: `    let rebuildTimer = null;
    sys.setTimeout = (callback) => {
        // TypeScript compier implements debouncing using a timer.
        // It clears a timer when a new change is notified before the timer
        // is fired and it starts rebuilding sources.
        //
        // In this converter, it often happens when notifyUpdateSrc and
        // notifyUpdateDecls are called in sequence.
        if (rebuildTimer) {
            throw new Error("Unexpected pending rebuildTimer");
        }
        rebuildTimer = {
            callback: () => {
                callback();
                rebuildTimer = null;
            },
        };
        return rebuildTimer;
    };
    sys.clearTimeout = (timeoutId) => {
        if (rebuildTimer === timeoutId) {
            rebuildTimer = null;
            return;
        }
        throw new Error("clearing unexpected tiemr");
    };`,
    replace: `    // grulab: TypeScript's timers wait in order; the next conversion runs them all (rebuildTimer).
    const pendingTimers = [];
    let rebuildTimer = null;
    const runPendingTimers = () => {
        while (pendingTimers.length > 0) {
            pendingTimers.shift().callback();
        }
        rebuildTimer = null;
    };
    sys.setTimeout = (callback) => {
        const timer = { callback };
        pendingTimers.push(timer);
        rebuildTimer = { callback: runPendingTimers };
        return timer;
    };
    sys.clearTimeout = (timeoutId) => {
        const at = pendingTimers.indexOf(timeoutId);
        if (at >= 0) {
            pendingTimers.splice(at, 1);
        }
        if (pendingTimers.length === 0) {
            rebuildTimer = null;
        }
    };`,
  },
];

/**
 * tslab sends each Jupyter message with zeromq's `sock.send` and never waits for it. zeromq 6 sends
 * at most 512 messages of a socket at once (synchronously), then delays one and refuses any other
 * send of that socket until it is out ("Socket is busy writing", EBUSY): a cell printing some 500
 * lines in one go made the kernel drop its output and never report back (nbclient timed out), and a
 * status message right after a burst threw where nothing caught it and killed the kernel (it ended
 * the second attempt to record notebook 04). Now a socket's messages wait in order behind a delayed
 * one; a message zeromq refuses otherwise is reported on the kernel's stderr, not thrown.
 */
const JUPYTER_EDITS: readonly TslabEdit[] = [
  {
    purpose: "a burst of output does not break the kernel's connection",
    find: `const DELIM = Buffer.from("<IDS|MSG>");`,
    replace: `const DELIM = Buffer.from("<IDS|MSG>");
// grulab: a socket's messages in order, waiting behind one that zeromq delayed (EBUSY).
const sendStates = new WeakMap();
function reportUnsent(err) {
    fs_1.default.writeSync(2, \`grulab kernel: a message to Jupyter was not sent: \${err && err.message}\\n\`);
}
function sendInOrder(sock, frames) {
    let state = sendStates.get(sock);
    if (state === undefined) {
        state = { last: null, waiting: [] };
        sendStates.set(sock, state);
    }
    state.waiting.push(frames);
    if (state.waiting.length === 1) {
        flushSends(sock, state);
    }
}
function flushSends(sock, state) {
    while (state.waiting.length > 0) {
        let sent;
        try {
            sent = sock.send(state.waiting[0]);
        }
        catch (err) {
            if (err && err.code === "EBUSY") {
                const retry = () => flushSends(sock, state);
                if (state.last) {
                    state.last.then(retry, retry);
                }
                else {
                    setImmediate(retry);
                }
                return;
            }
            state.waiting.shift();
            reportUnsent(err);
            continue;
        }
        state.waiting.shift();
        state.last = Promise.resolve(sent);
        state.last.catch(reportUnsent);
    }
}`,
  },
  {
    purpose: "a burst of output does not break the kernel's connection (the send)",
    find: `        sock.send(heads.concat(bodies));`,
    replace: `        sendInOrder(sock, heads.concat(bodies));`,
  },
  {
    // zeromq's PUB socket drops what exceeds its high-water mark (1,000 messages by default) while
    // the frontend reads slowly: a burst's last lines and the final "idle" status were lost and the
    // frontend waited for ever. No limit: messages wait in memory until the frontend reads them.
    purpose: "a burst of output is not dropped on the way to a slow frontend",
    find: `        this.iopub = new zmq.Publisher();`,
    replace: `        this.iopub = new zmq.Publisher({ sendHighWaterMark: 0 });`,
  },
];

/** The files of tslab's `dist/` grulab patches, in the order they load (jupyter.js requires ./converter). */
const TSLAB_FILES: ReadonlyArray<{ file: "converter.js" | "jupyter.js"; edits: readonly TslabEdit[] }> = [
  { file: "converter.js", edits: CONVERTER_EDITS },
  { file: "jupyter.js", edits: JUPYTER_EDITS },
];

/** Marker left in the patched text: a second patch of the same source is a no-op. */
const PATCH_MARKER = "/* patched by grulab */";

/**
 * A tslab file's source with grulab's fixes applied (`converter.js`: names of earlier cells, own
 * exports, watch timers; `jupyter.js`: messages in order), or the reason they cannot be (another
 * tslab version whose code differs). Pure: reads and writes nothing.
 *
 * @example
 * const r = patchTslabSource("converter.js", fs.readFileSync(converterJs, "utf8"));
 * if ("source" in r) … else console.warn(r.reason);
 */
export function patchTslabSource(file: "converter.js" | "jupyter.js", text: string): { source: string } | { reason: string } {
  if (text.startsWith(PATCH_MARKER)) return { source: text };
  const edits = TSLAB_FILES.find((f) => f.file === file)?.edits;
  if (edits === undefined) return { reason: `grulab patches no file ${file} of tslab` };
  let source = text;
  for (const edit of edits) {
    const at = source.indexOf(edit.find);
    if (at < 0 || source.indexOf(edit.find, at + 1) >= 0) {
      return { reason: `the code to patch for "${edit.purpose}" is not found once in tslab's ${file}` };
    }
    source = source.slice(0, at) + edit.replace + source.slice(at + edit.find.length);
  }
  return { source: `${PATCH_MARKER}\n${source}` };
}

/**
 * What {@link patchTslab} did.
 *
 * @example
 * const r: TslabPatchResult = patchTslab(tslabDir); if (!r.patched) console.warn(r.reason);
 */
export interface TslabPatchResult {
  /** The files that were (or would have been) patched: tslab's dist/converter.js and dist/jupyter.js. */
  files: string[];
  /** tslab's version (its package.json). */
  version: string;
  /** True when the patched files are the ones tslab will load. */
  patched: boolean;
  /** Why not, when `patched` is false. */
  reason?: string;
}

/**
 * Makes the tslab installed in `tslabDir` load grulab's fixed `dist/converter.js` and
 * `dist/jupyter.js`: each file's patched source is compiled into Node's module cache under the
 * file's own name, so tslab's `require("./converter")` and `require("./jupyter")` get them. Nothing
 * on disk changes (node_modules stays as installed). Call it before requiring tslab's
 * `dist/main.js`. A tslab whose files differ from 1.0.22's is left as it is (`patched: false` with
 * the reason; nothing is patched then).
 *
 * @example
 * const r = patchTslab(path.dirname(require.resolve("tslab/package.json")));
 * if (!r.patched) console.warn(`tslab ${r.version}: ${r.reason}`);
 */
export function patchTslab(tslabDir: string): TslabPatchResult {
  const files = TSLAB_FILES.map((f) => path.join(tslabDir, "dist", f.file));
  const version = String(JSON.parse(fs.readFileSync(path.join(tslabDir, "package.json"), "utf8")).version);
  if (files.some((file) => require.cache[file])) {
    return { files, version, patched: false, reason: "tslab was loaded before it could be patched" };
  }
  const sources: string[] = [];
  for (const [i, f] of TSLAB_FILES.entries()) {
    const patched = patchTslabSource(f.file, fs.readFileSync(files[i], "utf8"));
    if ("reason" in patched) return { files, version, patched: false, reason: patched.reason };
    sources.push(patched.source);
  }
  for (const [i, file] of files.entries()) {
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    // In the cache before compiling: a file that requires itself (or a later one) finds it there.
    require.cache[file] = mod;
    (mod as unknown as { _compile(source: string, file: string): void })._compile(sources[i], file);
    mod.loaded = true;
  }
  return { files, version, patched: true };
}
