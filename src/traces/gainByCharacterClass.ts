import { characterGains } from "./characterGains";
import { gainSummary, type GainSummary, type GainSummaryOptions } from "./gainSummary";

/** One row of `gainByCharacterClass`. */
export interface CharacterClassGain extends GainSummary {
  /** "lower-case letter", "upper-case letter", "digit", "space", "newline", "tab", or the character itself. */
  characterClass: string;
  /** Bits saved on the class in all (meanGain × characters). */
  totalGain: number;
}

/** Options of `gainByCharacterClass`. */
export interface GainByCharacterClassOptions extends GainSummaryOptions {
  /** Classes with fewer characters are left out (default 30). */
  minCharacters?: number;
}

/** The class of a character: letters, digits and white space grouped, every other character its own class. */
function characterClass(c: string): string {
  if (c >= "a" && c <= "z") return "lower-case letter";
  if (c >= "A" && c <= "Z") return "upper-case letter";
  if (c >= "0" && c <= "9") return "digit";
  if (c === " ") return "space";
  if (c === "\n") return "newline";
  if (c === "\t") return "tab";
  return c;
}

/**
 * Where the model beats the n-gram most, by kind of character (the character predicted): mean
 * bits saved per character with a bootstrap interval, the total saved, and both models' bits per
 * character, for lower-case and upper-case letters, digits, spaces, newlines, tabs and each other
 * character on its own (`{`, `;`, `"`, …). Sorted by mean gain, largest first; classes rarer
 * than `minCharacters` are left out.
 *
 * @example
 * const rows = gainByCharacterClass(text, modelLog2, kn.log2Probabilities(vocab.encode(text)));
 * rows[0].characterClass; // the class the model gains most on
 */
export function gainByCharacterClass(text: string, modelLog2: ArrayLike<number>, ngramLog2: ArrayLike<number>, options: GainByCharacterClassOptions = {}): CharacterClassGain[] {
  const minCharacters = options.minCharacters ?? 30;
  if (!(Number.isInteger(minCharacters) && minCharacters >= 1)) throw new Error(`gainByCharacterClass option minCharacters: ${minCharacters}, expected a positive integer`);
  const gains = characterGains(text, modelLog2, ngramLog2);
  const classes = new Map<string, number[]>();
  for (let j = 1; j < text.length; j++) {
    const k = characterClass(text[j]);
    let list = classes.get(k);
    if (!list) classes.set(k, (list = []));
    list.push(j);
  }
  const rows: CharacterClassGain[] = [];
  for (const [k, positions] of classes) {
    if (positions.length < minCharacters) continue;
    const s = gainSummary(gains, modelLog2, positions, options);
    rows.push({ characterClass: k, totalGain: s.meanGain * s.characters, ...s });
  }
  return rows.sort((a, b) => b.meanGain - a.meanGain);
}
