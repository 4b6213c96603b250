/** One line of {@link lineChartSvg}: a name and its points (a null y is a gap). */
export interface SvgSeries {
  name: string;
  points: Array<{ x: number; y: number | null }>;
}

const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f"];

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A small self-contained SVG line chart (no browser needed, so a study can write its figures to
 * docs/ in any environment): lines with markers, x on a log₂ or linear axis at the given ticks, y
 * from `yRange`, a legend, a title and axis labels. Each point is a `<circle>` with a `data-x` and
 * `data-y` attribute holding its exact values (tests read them back).
 *
 * @example
 * fs.writeFileSync("docs/figures/success.svg", lineChartSvg([{ name: "GRU", points: [{ x: 50, y: 1 }, { x: 100, y: 0.4 }] }],
 *   { title: "adding problem", xLabel: "T", yLabel: "success rate", xTicks: [50, 100], yRange: [0, 1], logX: true }));
 */
export function lineChartSvg(series: SvgSeries[], o: { title: string; xLabel: string; yLabel: string; xTicks: number[]; yRange: [number, number]; logX?: boolean }): string {
  if (o.xTicks.length === 0) throw new Error("lineChartSvg option xTicks: give at least one tick");
  if (!(o.yRange[0] < o.yRange[1])) throw new Error(`lineChartSvg option yRange: ${JSON.stringify(o.yRange)}, expected [low, high] with low < high`);
  const [W, H, left, right, top, bottom] = [640, 400, 70, 170, 40, 55];
  const fx = (x: number) => (o.logX ? Math.log2(x) : x);
  const [x0, x1] = [Math.min(...o.xTicks.map(fx)), Math.max(...o.xTicks.map(fx))];
  const px = (x: number) => left + (x1 === x0 ? 0.5 : (fx(x) - x0) / (x1 - x0)) * (W - left - right);
  const py = (y: number) => top + (1 - (y - o.yRange[0]) / (o.yRange[1] - o.yRange[0])) * (H - top - bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${(left + W - right) / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(o.title)}</text>`,
    `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="black"/>`,
  ];
  for (const t of o.xTicks) out.push(`<text x="${px(t).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${t}</text>`);
  for (let k = 0; k <= 4; k++) {
    const y = o.yRange[0] + (k / 4) * (o.yRange[1] - o.yRange[0]);
    out.push(`<line x1="${left}" y1="${py(y).toFixed(1)}" x2="${W - right}" y2="${py(y).toFixed(1)}" stroke="#ddd"/>`, `<text x="${left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${Number(y.toPrecision(3))}</text>`);
  }
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`,
    `<text x="16" y="${(top + H - bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(top + H - bottom) / 2})">${escapeXml(o.yLabel)}</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const shown = s.points.filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y));
    if (shown.length > 1) out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${shown.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ")}"/>`);
    for (const p of shown) out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3.5" fill="${colour}" data-series="${escapeXml(s.name)}" data-x="${p.x}" data-y="${p.y}"/>`);
    const ly = top + 10 + 18 * i;
    out.push(`<line x1="${W - right + 12}" y1="${ly}" x2="${W - right + 32}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`, `<text x="${W - right + 38}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
