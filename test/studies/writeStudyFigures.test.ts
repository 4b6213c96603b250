// needs: chromium
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeStudyFigures } from "../../src/studies/writeStudyFigures";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const read = (study: string) => JSON.parse(fs.readFileSync(path.join(ROOT, "results", `${study}.json`), "utf8"));

/** A plotly SVG: one root <svg>, balanced tags, and the legend's texts. */
function parseSvg(file: string): { traces: number; legend: string[] } {
  const svg = fs.readFileSync(file, "utf8");
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/, file);
  assert.ok(svg.trimEnd().endsWith("</svg>"), file);
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (m[3] === "/") continue;
    if (m[1] === "/") assert.equal(stack.pop(), m[2], `${file}: </${m[2]}> closes <${stack[stack.length] ?? "nothing"}>`);
    else stack.push(m[2]);
  }
  assert.deepEqual(stack, [], `${file}: unclosed tags`);
  const legend = [...svg.matchAll(/<text class="legendtext"[^>]*>(.*?)<\/text>/g)].map((m) => m[1]);
  return { traces: [...svg.matchAll(/class="trace scatter/g)].length, legend };
}

test("writeStudyFigures redraws both studies' figures from the committed results: valid SVGs with the expected traces", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-figures-"));
  try {
    const forecast = await writeStudyFigures("forecast", read("forecast"), dir);
    assert.deepEqual(forecast.map((f) => path.basename(f)), ["forecast-mae-by-horizon.svg", "forecast-diebold-mariano.svg"]);
    const mae = parseSvg(forecast[0]);
    assert.equal(mae.traces, 7);
    for (const name of ["persistence", "SARIMA(1,1,1)(0,1,1)12", "mean forecast of the 5 GRU seeds"]) assert.ok(mae.legend.some((t) => t.includes(name)), name);
    const dm = parseSvg(forecast[1]);
    assert.equal(dm.traces, 7); // six baselines and the 0.05 line
    assert.ok(dm.legend.includes("p = 0.05"));
    const tutorial = await writeStudyFigures("tutorial", read("tutorial"), dir);
    assert.deepEqual(tutorial.map((f) => path.basename(f)), ["tutorial-accuracy-by-seed.svg", "tutorial-probabilistic-scores.svg"]);
    const acc = parseSvg(tutorial[0]);
    assert.equal(acc.traces, 5);
    assert.ok(acc.legend.includes("GRU(128), per seed"));
    assert.ok(fs.readFileSync(tutorial[0], "utf8").includes("p 0.58"), "McNemar's p of seed 1 is drawn");
    assert.equal(parseSvg(tutorial[1]).traces, 4);
    const charlm = await writeStudyFigures("charlm", read("charlm"), dir);
    assert.deepEqual(charlm.map((f) => path.basename(f)), ["charlm-test-bpc.svg", "charlm-saturation-gru.svg", "charlm-saturation-lstm.svg", "charlm-error-analysis.svg"]);
    const bpc = parseSvg(charlm[0]);
    assert.ok(bpc.legend.some((t) => t.startsWith("20-gram (interpolated modified Kneser–Ney)")), "the Kneser–Ney line");
    assert.ok(bpc.legend.includes("one seed"));
    assert.deepEqual(parseSvg(charlm[1]).legend, ["layer gru_1", "layer gru_2"]);
    assert.equal(parseSvg(charlm[3]).traces, 4); // three cells and the zero line
    // The committed figures are these files' kind: the same legend entries.
    for (const f of [...forecast, ...tutorial, ...charlm]) assert.deepEqual(parseSvg(path.join(ROOT, "docs", "figures", path.basename(f))).legend, parseSvg(f).legend, path.basename(f));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("writeStudyFigures names the studies it knows", async () => {
  await assert.rejects(() => writeStudyFigures("weather", {}, os.tmpdir()), /no figures for study "weather"; the studies with figures: tutorial, forecast, charlm/);
});
