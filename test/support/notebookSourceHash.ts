import { createHash } from "node:crypto";

/** A notebook's cell as stored in .ipynb JSON. */
export interface NotebookCell { cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }

/**
 * The sha256 a notebook of record stores as metadata.grulab.record.sourceSha256, computed here
 * independently of scripts/notebook_record.py's source_sha256: per cell (cells tagged
 * `injected-parameters` left out) its type, "\n", its source, "\n", a NUL byte, UTF-8.
 *
 * @example
 * notebookSourceHash(JSON.parse(fs.readFileSync("notebooks/01-tutorial.ipynb", "utf8")).cells)
 */
export function notebookSourceHash(cells: NotebookCell[]): string {
  const h = createHash("sha256");
  for (const c of cells) {
    if ((c.metadata?.tags ?? []).includes("injected-parameters")) continue;
    h.update(`${c.cell_type}\n${Array.isArray(c.source) ? c.source.join("") : c.source}\n\0`, "utf8");
  }
  return h.digest("hex");
}
