import { bracketMatches } from "./bracketMatches";
import { characterGains } from "./characterGains";
import { gainSummary, type GainSummary, type GainSummaryOptions } from "./gainSummary";

/** One bin of `gainByOpenerDistance`. */
export interface OpenerDistanceBin extends GainSummary {
  /** "1", "2–3", …, "≥ 1024", or "unmatched" / "no pending opener". */
  label: string;
  /** Distances from … to (inclusive); `to` is null for the open-ended last bin, both are null for the bin without an opener. */
  from: number | null;
  to: number | null;
}

/** What `gainByOpenerDistance` returns. */
export interface GainByOpenerDistance {
  /** Closing characters (`)`, `]`, `}`, closing quotes) by the distance back to their opener, then the unmatched ones. */
  closing: OpenerDistanceBin[];
  /** Every character by the distance back to the innermost pending opener (a closer: its own opener), then those with none pending. */
  all: OpenerDistanceBin[];
}

/** Options of `gainByOpenerDistance`. */
export interface GainByOpenerDistanceOptions extends GainSummaryOptions {
  /** Lower edges of the distance bins, increasing from 1 (default 1, 2, 4, …, 1024: the last bin is open-ended). */
  edges?: number[];
}

/**
 * Karpathy, Johnson & Fei-Fei 2015's error analysis against an n-gram model (their section 4.3–4.4
 * in spirit): where does the recurrent model gain over an n-gram that sees only the last n − 1
 * characters? For each character, the bits saved (characterGains), binned by how far back the
 * matching opener is — for closing brackets and quotes (`bracketMatches`: the paper's "}" at
 * distance d), and for every character (the innermost pending opener: how long the open
 * construct has lasted). An order-20 n-gram cannot see an opener 20 or more characters back;
 * a gain that grows with distance is long-range memory. Each bin: the number of characters,
 * the mean gain with a bootstrap interval, and both models' bits per character. Empty bins are
 * left out.
 *
 * @example
 * const table = gainByOpenerDistance(text, modelLog2, kn.log2Probabilities(vocab.encode(text)));
 * table.closing.map((b) => `${b.label}: ${b.meanGain.toFixed(3)}`);
 */
export function gainByOpenerDistance(text: string, modelLog2: ArrayLike<number>, ngramLog2: ArrayLike<number>, options: GainByOpenerDistanceOptions = {}): GainByOpenerDistance {
  const edges = options.edges ?? [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
  if (edges.length === 0 || edges[0] < 1 || edges.some((e, i) => !Number.isInteger(e) || (i > 0 && e <= edges[i - 1]))) {
    throw new Error(`gainByOpenerDistance option edges: [${edges.join(", ")}], expected increasing integers from at least 1`);
  }
  const gains = characterGains(text, modelLog2, ngramLog2);
  const { matchingOpener, pendingOpener } = bracketMatches(text);
  const bin = (d: number) => { let b = 0; while (b + 1 < edges.length && d >= edges[b + 1]) b++; return b; };
  const table = (opener: (j: number) => number | null, none: string): OpenerDistanceBin[] => {
    const positions: number[][] = edges.map(() => []);
    const without: number[] = [];
    for (let j = 1; j < text.length; j++) {
      const o = opener(j);
      if (o === null) continue;
      if (o < 0) without.push(j);
      else positions[bin(j - o)].push(j);
    }
    const rows: OpenerDistanceBin[] = [];
    positions.forEach((p, b) => {
      if (p.length === 0) return;
      const from = edges[b], last = b + 1 < edges.length ? edges[b + 1] - 1 : null;
      const label = last === null ? `≥ ${from}` : last === from ? `${from}` : `${from}–${last}`;
      rows.push({ label, from, to: last, ...gainSummary(gains, modelLog2, p, options) });
    });
    if (without.length > 0) rows.push({ label: none, from: null, to: null, ...gainSummary(gains, modelLog2, without, options) });
    return rows;
  };
  return {
    closing: table((j) => (matchingOpener[j] === -2 ? null : matchingOpener[j]), "unmatched"),
    all: table((j) => pendingOpener[j], "no pending opener"),
  };
}
