// A type, not an interface: it then fits unitFeatureCorrelation's { [name]: values } parameter.
/** Per-character features of source text, each one number per character (the text's length). */
export type CodeFeatures = {
  /** Number of `{` minus `}` outside strings and comments, counted up to and including this character. */
  braceDepth: Float32Array;
  /** Column of the character in its line (0 = first; a newline gets the column it ends). */
  positionInLine: Float32Array;
  /** 1 inside a string literal ('…', "…" or `…`, quotes included), else 0. */
  insideString: Float32Array;
  /** 1 inside a comment (// to the end of the line, or /* … *\/, delimiters included), else 0. */
  insideComment: Float32Array;
};

/**
 * The names of `codeFeatures`' features, in order.
 *
 * @example
 * const f = codeFeatures(text);
 * for (const name of CODE_FEATURES) console.log(name, f[name][0]);
 */
export const CODE_FEATURES = ["braceDepth", "positionInLine", "insideString", "insideComment"] as const;

/**
 * Features of every character of TypeScript/JavaScript-like text, from a small lexer (strings
 * with backslash escapes, line and block comments; no regular-expression literals, and a
 * template's `${…}` counts as string): the quantities Karpathy et al. 2015 looked for in single
 * units (quotes, line position, bracket depth, comments).
 *
 * @example
 * const f = codeFeatures("a { 'b' } // c");
 * f.braceDepth[2]; // 1
 */
export function codeFeatures(text: string): CodeFeatures {
  const n = text.length;
  const f: CodeFeatures = { braceDepth: new Float32Array(n), positionInLine: new Float32Array(n), insideString: new Float32Array(n), insideComment: new Float32Array(n) };
  let depth = 0;
  let column = 0;
  let state: "code" | "line" | "block" | "string" = "code";
  let quote = "";        // the open string's quote
  let escaped = false;   // the previous character was a backslash inside a string
  let blockStart = -1;   // where the open block comment's "/*" starts
  for (let i = 0; i < n; i++) {
    const c = text[i];
    f.positionInLine[i] = column;
    column = c === "\n" ? 0 : column + 1;
    if (state === "code") {
      if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
        state = text[i + 1] === "/" ? "line" : "block";
        blockStart = i;
        f.insideComment[i] = 1;
      } else if (c === "'" || c === '"' || c === "`") {
        state = "string";
        quote = c;
        f.insideString[i] = 1;
      } else if (c === "{") {
        depth++;
      } else if (c === "}") {
        depth = Math.max(0, depth - 1);
      }
    } else if (state === "line") {
      if (c === "\n") state = "code";
      else f.insideComment[i] = 1;
    } else if (state === "block") {
      f.insideComment[i] = 1;
      if (c === "/" && text[i - 1] === "*" && i - 1 > blockStart + 1) state = "code"; // "/*/" does not close
    } else {
      if (c === "\n" && quote !== "`" && !escaped) {
        state = "code"; // an unterminated '…' or "…" ends at the line's end
      } else {
        f.insideString[i] = 1;
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === quote) state = "code";
      }
    }
    f.braceDepth[i] = depth;
  }
  return f;
}
