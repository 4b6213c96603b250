import { escapeHtml } from "../util/escapeHtml";

/** Options of `unitTextHtml`. */
export interface UnitTextHtmlOptions {
  /** A caption above the text (plain text, escaped). */
  title?: string;
  /** The value range mapped to the colour scale, default [-1, 1] (tanh's range, as h). */
  range?: [min: number, max: number];
}

/**
 * The paper's picture of one unit (Karpathy et al. 2015, fig. 2 and 4): the text in a monospace
 * block, each character's background coloured by the unit's value after reading it — blue for
 * the top of `range`, red for the bottom, white in the middle; hovering a character shows its
 * value. Newlines stay line breaks (and get a coloured space). Returns an HTML fragment (inline
 * styles only), for `tslab.display.html` or a report. Throws when text and values differ in length.
 *
 * @example
 * tslab.display.html(unitTextHtml(snippet, hOfUnit, { title: "layer gru_2, unit 17: inside a comment (r = 0.82)" }));
 */
export function unitTextHtml(text: string, values: ArrayLike<number>, options: UnitTextHtmlOptions = {}): string {
  if (text.length !== values.length) throw new Error(`unitTextHtml: ${text.length} characters but ${values.length} values`);
  const [lo, hi] = options.range ?? [-1, 1];
  if (!(hi > lo)) throw new Error(`unitTextHtml option range: [${lo}, ${hi}], expected min < max`);
  let body = "";
  for (let i = 0; i < text.length; i++) {
    const v = values[i];
    const s = Number.isFinite(v) ? Math.max(-1, Math.min(1, (2 * (v - lo)) / (hi - lo) - 1)) : 0;
    const fade = (k: number) => Math.round(255 - (255 - k) * Math.abs(s));
    const colour = s >= 0 ? `rgb(${fade(33)},${fade(102)},${fade(172)})` : `rgb(${fade(178)},${fade(24)},${fade(43)})`;
    const c = text[i];
    const shown = c === "\n" ? " \n" : c === "\t" ? "    " : escapeHtml(c);
    body += `<span style="background:${colour};color:${Math.abs(s) > 0.6 ? "#fff" : "#000"}" title="${Number.isFinite(v) ? v.toFixed(3) : String(v)}">${shown}</span>`;
  }
  const title = options.title ? `<div style="font:bold 13px sans-serif;margin:4px 0">${escapeHtml(options.title)}</div>` : "";
  return `<div class="grulab-unit-text">${title}<pre style="font:12px/1.35 monospace;white-space:pre;margin:0;padding:4px;border:1px solid #ccc;overflow-x:auto">${body}</pre></div>`;
}
