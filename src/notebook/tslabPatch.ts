import * as fs from "fs";
import Module = require("module");
import * as path from "path";

/**
 * One textual edit of tslab's `dist/converter.js`: `find` must occur exactly once.
 * The shorthand and export edits, as a diff against tslab 1.0.22's TypeScript source, are in
 * docs/tslab-shorthand.patch (ready to send upstream); the timers edit is not in it yet.
 */
interface ConverterEdit {
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
const CONVERTER_EDITS: readonly ConverterEdit[] = [
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
    // lookups); tslab held one. A file event between two cells that set both (an \`npm install\` or a
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

/** Marker left in the patched text: a second patch of the same source is a no-op. */
const PATCH_MARKER = "/* patched by grulab: shorthand properties, own exports, pending timers */";

/**
 * tslab's converter source with grulab's fixes applied, or the reason they cannot be (another tslab
 * version whose code differs). Pure: reads and writes nothing.
 *
 * @example
 * const r = patchConverterSource(fs.readFileSync(converterJs, "utf8"));
 * if ("source" in r) … else console.warn(r.reason);
 */
export function patchConverterSource(text: string): { source: string } | { reason: string } {
  if (text.includes(PATCH_MARKER)) return { source: text };
  let source = text;
  for (const edit of CONVERTER_EDITS) {
    const at = source.indexOf(edit.find);
    if (at < 0 || source.indexOf(edit.find, at + 1) >= 0) {
      return { reason: `the code to patch for "${edit.purpose}" is not found once in tslab's converter.js` };
    }
    source = source.slice(0, at) + edit.replace + source.slice(at + edit.find.length);
  }
  return { source: `${PATCH_MARKER}\n${source}` };
}

/**
 * What {@link patchTslabConverter} did.
 *
 * @example
 * const r: TslabPatchResult = patchTslabConverter(tslabDir); if (!r.patched) console.warn(r.reason);
 */
export interface TslabPatchResult {
  /** The converter file that was (or would have been) patched. */
  converter: string;
  /** tslab's version (its package.json). */
  version: string;
  /** True when the patched converter is the one tslab will load. */
  patched: boolean;
  /** Why not, when `patched` is false. */
  reason?: string;
}

/**
 * Makes the tslab installed in `tslabDir` load grulab's fixed converter: the patched source of
 * `dist/converter.js` is compiled into Node's module cache under the file's own name, so tslab's
 * `require("./converter")` gets it. Nothing on disk changes (node_modules stays as installed). Call
 * it before requiring tslab's `dist/main.js`. A tslab whose converter differs from 1.0.22's is
 * left as it is (`patched: false` with the reason).
 *
 * @example
 * const r = patchTslabConverter(path.dirname(require.resolve("tslab/package.json")));
 * if (!r.patched) console.warn(`tslab ${r.version}: ${r.reason}`);
 */
export function patchTslabConverter(tslabDir: string): TslabPatchResult {
  const converter = path.join(tslabDir, "dist", "converter.js");
  const version = String(JSON.parse(fs.readFileSync(path.join(tslabDir, "package.json"), "utf8")).version);
  const cached = require.cache[converter];
  if (cached) return { converter, version, patched: false, reason: "tslab's converter was loaded before it could be patched" };
  const patched = patchConverterSource(fs.readFileSync(converter, "utf8"));
  if ("reason" in patched) return { converter, version, patched: false, reason: patched.reason };
  const mod = new Module(converter, module);
  mod.filename = converter;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(converter));
  (mod as unknown as { _compile(source: string, file: string): void })._compile(patched.source, converter);
  mod.loaded = true;
  require.cache[converter] = mod;
  return { converter, version, patched: true };
}
