import * as fs from "fs";
import * as path from "path";

/** One file of the corpus and where its parts went. */
export interface CorpusFile {
  name: string;
  chars: number;
}

/** The corpus split into three texts; `files` lists the sources in the order they were read. */
export interface TextCorpus {
  /** The folder the files were read from. */
  dir: string;
  /** The version of the package that ships them ("typescript" package.json), or null. */
  version: string | null;
  files: CorpusFile[];
  train: string;
  validation: string;
  test: string;
}

/** Options of `loadTsLibCorpus`. */
export interface TsLibCorpusOptions {
  /** Folder holding the lib.*.d.ts files. Default: the `lib/` folder of the installed `typescript` package. Relative paths resolve against process.cwd(). */
  dir?: string;
  /** Fractions of each file that go to validation and test, default [0.05, 0.05]; the rest (its beginning) is training text. */
  heldOut?: [validation: number, test: number];
  /** Read only the first `maxChars` characters of every split (after splitting), for quick runs. Default: all. */
  maxChars?: number;
}

/**
 * The character corpus of grulab's char-level study: TypeScript's own declaration files
 * (`lib.*.d.ts`, ~100 files, ~3.1 MB, Apache-2.0) read at run time from the installed
 * `typescript` package, never copied. Files are read in code-point order of their names, so the
 * text is the same on every machine for one TypeScript version. Each file is split by
 * contiguous text: its first 90 % goes to train, the next 5 % to validation, the last 5 % to
 * test (cut at a line start), and the parts are concatenated in file order — every file has
 * held-out text, and no held-out line is seen in training (identical lines in other files, such
 * as lib.dom vs lib.webworker, can be).
 * Throws naming the folder when it holds no lib.*.d.ts file.
 *
 * @example
 * const corpus = loadTsLibCorpus();
 * console.log(corpus.files.length, corpus.train.length, corpus.test.length);
 */
export function loadTsLibCorpus(options: TsLibCorpusOptions = {}): TextCorpus {
  const [valFraction, testFraction] = options.heldOut ?? [0.05, 0.05];
  if (!(valFraction >= 0 && testFraction >= 0 && valFraction + testFraction < 1)) {
    throw new Error(`loadTsLibCorpus option heldOut: [${valFraction}, ${testFraction}], expected two fractions ≥ 0 summing below 1`);
  }
  const maxChars = options.maxChars ?? Infinity;
  if (!(maxChars >= 1)) throw new Error(`loadTsLibCorpus option maxChars: ${maxChars}, expected a positive number of characters`);
  const dir = options.dir !== undefined ? path.resolve(options.dir) : typescriptLibDir();
  if (!fs.existsSync(dir)) throw new Error(`loadTsLibCorpus: folder ${dir} does not exist (option dir)`);
  const names = fs.readdirSync(dir).filter((n) => /^lib(\..+)?\.d\.ts$/.test(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) throw new Error(`loadTsLibCorpus: folder ${dir} holds no lib.*.d.ts file`);
  const parts = { train: [] as string[], validation: [] as string[], test: [] as string[] };
  const files: CorpusFile[] = [];
  for (const name of names) {
    const text = fs.readFileSync(path.join(dir, name), "utf8").replace(/\r\n/g, "\n");
    files.push({ name, chars: text.length });
    const testStart = lineStart(text, Math.round(text.length * (1 - testFraction)));
    const valStart = lineStart(text, Math.round(text.length * (1 - testFraction - valFraction)));
    parts.train.push(text.slice(0, valStart));
    parts.validation.push(text.slice(valStart, testStart));
    parts.test.push(text.slice(testStart));
  }
  const cut = (s: string[]) => { const all = s.join(""); return all.length > maxChars ? all.slice(0, maxChars) : all; };
  return { dir, version: packageVersion(path.dirname(dir)), files, train: cut(parts.train), validation: cut(parts.validation), test: cut(parts.test) };
}

/** The first index ≥ i that starts a line (or the text's length). */
function lineStart(text: string, i: number): number {
  if (i <= 0) return 0;
  const nl = text.indexOf("\n", i - 1);
  return nl < 0 ? text.length : nl + 1;
}

function typescriptLibDir(): string {
  try {
    return path.join(path.dirname(require.resolve("typescript/package.json")), "lib");
  } catch {
    throw new Error("loadTsLibCorpus: the typescript package is not installed (npm install typescript; grulab depends on it), or pass option dir: a folder of lib.*.d.ts files");
  }
}

function packageVersion(dir: string): string | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version ?? null;
  } catch {
    return null;
  }
}
