import * as tf from "@tensorflow/tfjs";

/**
 * The tensor backends grulab knows, fastest first.
 *
 * @example
 * if (!(BACKENDS as readonly string[]).includes(wanted)) throw new Error(`backend ${wanted}: expected one of ${BACKENDS.join(", ")}`);
 */
export const BACKENDS = ["tensorflow", "wasm", "cpu"] as const;
/** A name of BACKENDS: "tensorflow" (tfjs-node), "wasm" or "cpu". */
export type BackendName = (typeof BACKENDS)[number];

let announced: string | null = null;

/**
 * True when tfjs-node's native `tensorflow` backend is registered. `require` succeeding is not
 * enough: danfo's npm alias puts pure tfjs at `@tensorflow/tfjs-node`, which registers only
 * `cpu`, so the registry itself is asked.
 *
 * @example
 * if (tensorflowRegistered()) console.log("native TensorFlow available");
 */
export function tensorflowRegistered(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@tensorflow/tfjs-node");
  } catch {
    // not installed (the usual case here): fall through to the registry check
  }
  return tf.findBackendFactory("tensorflow") != null;
}

/**
 * Chooses and activates the tensor backend and returns its name. Order: the `preferred`
 * argument, else the `GRULAB_BACKEND` environment variable, else the fastest available of
 * `tensorflow` (only when tfjs-node really registers it), `wasm`, `cpu`. A backend asked for
 * by name that cannot start is an error, never a silent fallback. The active backend is
 * printed once (again only if it changes).
 *
 * @example
 * const backend = await initBackend();        // "wasm" on a machine without tfjs-node
 * await initBackend("cpu");                   // force the pure-JS backend
 */
export async function initBackend(preferred?: string): Promise<BackendName> {
  const fromEnv = process.env.GRULAB_BACKEND;
  const requested = preferred ?? (fromEnv != null && fromEnv !== "" ? fromEnv : undefined);
  const source = preferred != null ? "requested" : "GRULAB_BACKEND";
  let candidates: BackendName[];
  let reason: string;
  if (requested != null) {
    if (!(BACKENDS as readonly string[]).includes(requested)) {
      throw new Error(`unknown backend "${requested}" (${source}): expected one of ${BACKENDS.join(", ")}`);
    }
    if (requested === "tensorflow" && !tensorflowRegistered()) {
      throw new Error(
        `backend "tensorflow" (${source}) is not available: @tensorflow/tfjs-node did not register it ` +
          `(install it with \`npm install @tensorflow/tfjs-node\` where libtensorflow can be downloaded)`,
      );
    }
    candidates = [requested as BackendName];
    reason = source;
  } else {
    candidates = tensorflowRegistered() ? ["tensorflow", "wasm", "cpu"] : ["wasm", "cpu"];
    reason = candidates[0] === "tensorflow" ? "auto: tfjs-node registered" : "auto: tfjs-node's tensorflow backend not registered";
  }
  // Registered here, not at import: importing grulab must not change tfjs's default backend.
  if (candidates.includes("wasm")) require("@tensorflow/tfjs-backend-wasm");
  let chosen: BackendName | null = null;
  const failures: string[] = [];
  for (const name of candidates) {
    let ok = false;
    try {
      ok = await tf.setBackend(name);
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
    }
    if (ok) {
      chosen = name;
      break;
    }
    if (failures.length === 0 || !failures[failures.length - 1].startsWith(name)) failures.push(`${name}: did not start`);
  }
  if (chosen == null) {
    throw new Error(`no tensor backend could start (${requested != null ? source : "auto"}): ${failures.join("; ")}`);
  }
  if (failures.length > 0) reason += `; skipped ${failures.join("; ")}`;
  await tf.ready();
  if (announced !== chosen) {
    console.log(`grulab: tensor backend ${chosen} (${reason})`);
    announced = chosen;
  }
  return chosen;
}
