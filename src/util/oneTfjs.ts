import * as fs from "fs";
import * as path from "path";

/** Where the copies of @tensorflow/tfjs are: grulab's package folder, the tfjs it loads, the project's. */
export interface TfjsLocations {
  /** grulab's package folder (real path). */
  grulabRoot: string;
  /** The folder of the @tensorflow/tfjs that grulab's own files load (real path). */
  grulabTfjs: string;
  /** The folder of the @tensorflow/tfjs the project in the current folder has (real path), or null. */
  projectTfjs: string | null;
  /** The folder of the @tensorflow/tfjs-core that grulab's tfjs loads (real path). */
  grulabTfjsCore: string;
  /** The folders of every @tensorflow/tfjs-core this process has loaded so far (real paths). */
  loadedTfjsCores: string[];
}

/**
 * The error when grulab would run beside a second copy of tfjs, else null. It happens when grulab is
 * a link to a folder with its own node_modules (`npm install ../grulab`, npm 9+): Node loads the
 * files from the folder's real path, so grulab gets that folder's tfjs while the project's code gets
 * its own, and a tensor of one copy fails in the other ("Tensor must have a shape …", 300 "kernel
 * already registered" warnings). A tfjs inside grulab's own folder is the sign: npm never installs
 * a peer dependency there. Checked when an entry point is imported; nothing is changed.
 *
 * @example
 * secondTfjs({ grulabRoot: "/src/grulab", grulabTfjs: "/src/grulab/node_modules/@tensorflow/tfjs",
 *   grulabTfjsCore: "/src/grulab/node_modules/@tensorflow/tfjs-core",
 *   projectTfjs: "/home/me/p/node_modules/@tensorflow/tfjs", loadedTfjsCores: [] }); // "grulab: two copies …"
 */
export function secondTfjs(where: TfjsLocations): string | null {
  const inside = (dir: string, parent: string) => !path.relative(parent, dir).startsWith("..") && !path.isAbsolute(path.relative(parent, dir));
  if (!inside(where.grulabTfjs, where.grulabRoot)) return null; // the project's own copy: one tfjs
  const other = where.projectTfjs !== null && where.projectTfjs !== where.grulabTfjs ? where.projectTfjs
    : where.loadedTfjsCores.find((core) => core !== where.grulabTfjsCore) ?? null;
  if (other === null) return null;
  return `grulab: two copies of tfjs: your project's (${other}) and the one in grulab's folder (${where.grulabTfjs}). ` +
    `grulab is installed as a link to ${where.grulabRoot} (a plain \`npm install <folder>\` links it), so Node loads that folder's own tfjs, ` +
    `and tensors of one copy fail in the other. Install grulab as a copy instead: npm install --install-links ${where.grulabRoot}` +
    ` (or run \`npm pack\` there and npm install the .tgz).`;
}

/** The real paths of the tfjs copies around this process; null when one cannot be found (Deno, a bundler). */
function locate(): TfjsLocations | null {
  try {
    const tfjsDir = (from: string[] | undefined) => fs.realpathSync(path.dirname(require.resolve("@tensorflow/tfjs/package.json", from && { paths: from })));
    const grulabTfjs = tfjsDir(undefined);
    let projectTfjs: string | null = null;
    try { projectTfjs = tfjsDir([process.cwd()]); } catch { /* the current folder has no tfjs */ }
    const grulabTfjsCore = fs.realpathSync(path.dirname(require.resolve("@tensorflow/tfjs-core/package.json", { paths: [grulabTfjs] })));
    const loadedTfjsCores = [...new Set(Object.keys(require.cache).flatMap((f) => {
      const at = f.search(/[\\/]@tensorflow[\\/]tfjs-core[\\/]/);
      return at < 0 ? [] : [f.slice(0, at + "/@tensorflow/tfjs-core".length)];
    }))];
    return { grulabRoot: fs.realpathSync(path.join(__dirname, "..", "..", "..")), grulabTfjs, grulabTfjsCore, projectTfjs, loadedTfjsCores };
  } catch {
    return null;
  }
}

const problem = (() => { const where = locate(); return where && secondTfjs(where); })();
if (problem) throw new Error(problem);
