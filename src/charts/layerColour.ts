const LAYER_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

/**
 * The colour charts use for a layer (by its position among the layers shown), so that a layer
 * has the same colour in the saturation plot and the gate histograms.
 *
 * @example
 * marker: { color: layerColour(0) } // "#1f77b4"
 */
export function layerColour(position: number): string {
  return LAYER_COLOURS[((position % LAYER_COLOURS.length) + LAYER_COLOURS.length) % LAYER_COLOURS.length];
}

/**
 * A test that is true the first time it sees a key, false after: a layer's legend entry goes
 * in the first panel that draws the layer (a layer may be absent from the first panel, e.g. an
 * LSTM in a GRU's z panel).
 *
 * @example
 * const first = onlyFirst<string>(); first("lstm"); // true, then false
 */
export function onlyFirst<K>(): (key: K) => boolean {
  const seen = new Set<K>();
  return (key) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
