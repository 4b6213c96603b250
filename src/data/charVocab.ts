/** A character vocabulary: id 0 is the unknown symbol, ids 1… are the kept characters. */
export interface CharVocab {
  /** `chars[id]`; chars[0] is `unknown` (what decode writes for id 0). */
  chars: string[];
  /** The symbol standing for every character not kept, default "\u0000" shown as "�" by decode. */
  unknown: string;
  /**
   * A printable name per id for tables, class lists and CSV files: "<unk>", "\\n", "\\t", "space",
   * "comma", "quote" (for "), else the character — no name needs CSV quoting.
   */
  labels: string[];
  /** Number of ids (kept characters + 1). */
  size: number;
  /** Ids of a text's characters (code points), unknown ones → 0. */
  encode(text: string): Int32Array;
  /** The text of ids; id 0 → "�". Throws naming the position of an id outside the vocabulary. */
  decode(ids: ArrayLike<number>): string;
}

/** Options of `buildCharVocab`. */
export interface CharVocabOptions {
  /** Characters seen fewer than this many times become the unknown symbol (id 0). Default 10. */
  minCount?: number;
}

/**
 * The character vocabulary of a (training) text: every code point seen at least `minCount`
 * times gets an id, in code-point order from 1; rarer ones share id 0, the unknown symbol.
 *
 * @example
 * const vocab = buildCharVocab(corpus.train, { minCount: 10 });
 * vocab.decode(vocab.encode("interface X {}")); // "interface X {}"
 */
export function buildCharVocab(text: string, options: CharVocabOptions = {}): CharVocab {
  const minCount = options.minCount ?? 10;
  if (!(Number.isInteger(minCount) && minCount >= 1)) throw new Error(`buildCharVocab option minCount: ${minCount}, expected a positive integer`);
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  const kept = [...counts].filter(([, n]) => n >= minCount).map(([c]) => c).sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  return charVocab(kept);
}

/**
 * A vocabulary of exactly these characters (ids 1… in the given order; id 0 = unknown), e.g.
 * rebuilt from a run's saved `chars.slice(1)`.
 *
 * @example
 * const vocab = charVocab(["a", "b"]); // vocab.encode("abc") → [1, 2, 0]
 */
export function charVocab(kept: string[]): CharVocab {
  const index = new Map<string, number>();
  kept.forEach((c, i) => {
    if ([...c].length !== 1) throw new Error(`charVocab: entry ${i} is ${JSON.stringify(c)}, expected one character`);
    if (index.has(c)) throw new Error(`charVocab: character ${JSON.stringify(c)} appears twice (entries ${index.get(c)! - 1} and ${i})`);
    index.set(c, i + 1);
  });
  const unknown = "\u0000";
  const chars = [unknown, ...kept];
  const names: Record<string, string> = { [unknown]: "<unk>", "\n": "\\n", "\r": "\\r", "\t": "\\t", " ": "space", ",": "comma", '"': "quote" };
  const label = (c: string) => names[c] ?? c;
  return {
    chars, unknown, size: chars.length, labels: chars.map(label),
    encode(text: string): Int32Array {
      const out: number[] = [];
      for (const c of text) out.push(index.get(c) ?? 0);
      return Int32Array.from(out);
    },
    decode(ids: ArrayLike<number>): string {
      let s = "";
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (!(Number.isInteger(id) && id >= 0 && id < chars.length)) throw new Error(`charVocab.decode: id ${id} at position ${i}, expected an integer in 0…${chars.length - 1}`);
        s += id === 0 ? "\uFFFD" : chars[id];
      }
      return s;
    },
  };
}
