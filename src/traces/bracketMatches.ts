import { codeFeatures } from "./codeFeatures";

/** What `bracketMatches` finds, one entry per character of the text. */
export interface BracketMatches {
  /** For a closing character (`)`, `]`, `}` in code, or a string's closing quote): where its opener is; −1 when it closes nothing (unmatched). −2 for every other character. */
  matchingOpener: Int32Array;
  /** The innermost opener still open when the character is read (a string's opening quote for the characters inside it; a closer's own opener): its index, or −1 when none is pending. */
  pendingOpener: Int32Array;
}

const OPENS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/**
 * The pairs of brackets and quotes of TypeScript/JavaScript-like text, for Karpathy et al.'s
 * long-range error analysis (how far back the opener of a closing character is): `(`/`)`,
 * `[`/`]`, `{`/`}` outside strings and comments (a closer of another kind than the innermost
 * open bracket is unmatched and leaves it open), and every string literal's quotes ('…', "…",
 * `…`, as `codeFeatures`' lexer delimits them; a string ended by the line's end has no closing
 * quote). Angle brackets are left out: `<` and `>` are also comparisons and arrows.
 *
 * @example
 * const m = bracketMatches("f(a[1], 'x')");
 * m.matchingOpener[11]; // 1: the ")" closes the "(" at 1
 * m.pendingOpener[9];   // 8: the "x" is inside the string opened at 8
 */
export function bracketMatches(text: string): BracketMatches {
  const n = text.length;
  const f = codeFeatures(text);
  const matchingOpener = new Int32Array(n).fill(-2);
  const pendingOpener = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let stringStart = -1;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    const top = stack.length > 0 ? stack[stack.length - 1] : -1;
    if (f.insideString[i]) {
      const opening = i === 0 || !f.insideString[i - 1];
      if (opening) {
        stringStart = i;
        pendingOpener[i] = top;
      } else {
        pendingOpener[i] = stringStart;
        const lastOfString = i + 1 >= n || !f.insideString[i + 1];
        if (lastOfString && c === text[stringStart]) matchingOpener[i] = stringStart;
      }
      continue;
    }
    pendingOpener[i] = top;
    if (f.insideComment[i]) continue;
    if (c === "(" || c === "[" || c === "{") {
      stack.push(i);
    } else if (c in OPENS) {
      if (top >= 0 && text[top] === OPENS[c]) {
        matchingOpener[i] = top;
        stack.pop();
      } else {
        matchingOpener[i] = -1;
      }
    }
  }
  return { matchingOpener, pendingOpener };
}
