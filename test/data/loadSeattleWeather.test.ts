import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadSeattleWeather } from "../../src/index";
import { datasetPath } from "../../src/advanced/index";

// A hand-made 40-day file: values chosen so that training-only statistics differ from all-day ones.
function handMadeCsv(): { file: string; rows: number[][]; weather: string[] } {
  const rows: number[][] = [];
  const weather: string[] = [];
  const lines = ["date,precipitation,temp_max,temp_min,wind,weather"];
  for (let i = 0; i < 40; i++) {
    const r = [i % 5, 10 + i, i * 0.5 - 3, i < 28 ? 2 : 9];
    rows.push(r);
    weather.push(["sun", "rain", "fog"][i % 3]);
    const day = new Date(Date.UTC(2013, 0, 1 + i)).toISOString().slice(0, 10);
    lines.push(`${day},${r.join(",")},${weather[i]}`);
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sw-")), "w.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return { file, rows, weather };
}

test("loadSeattleWeather fits the scaler on the training days only (no leakage)", async () => {
  const { file, rows, weather } = handMadeCsv();
  const data = await loadSeattleWeather({ file, timesteps: 3, dayOfYear: false, verbose: false });
  try {
    // 40 days, 15% validation and test: round(6) each → training days 0–27.
    assert.deepEqual(data.split, { train: { from: 0, to: 28 }, validation: { from: 28, to: 34 }, test: { from: 34, to: 40 } });
    const train = rows.slice(0, 28);
    const mean = [0, 1, 2, 3].map((j) => train.reduce((s, r) => s + r[j], 0) / train.length);
    const std = [0, 1, 2, 3].map((j) => Math.sqrt(train.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / train.length));
    std[3] = 1; // wind is constant (2) on the training days
    data.scaler.mean.forEach((v, j) => assert.ok(Math.abs(v - mean[j]) < 1e-9, `mean ${j}: ${v} vs ${mean[j]}`));
    data.scaler.std.forEach((v, j) => assert.ok(Math.abs(v - std[j]) < 1e-9, `std ${j}: ${v} vs ${std[j]}`));
    const allWindMean = rows.reduce((s, r) => s + r[3], 0) / rows.length;
    assert.notEqual(data.scaler.mean[3], allWindMean);

    // The first test window: days 31–33 scaled with the training statistics → the class of day 34.
    assert.deepEqual(data.classes, ["drizzle", "fog", "rain", "snow", "sun"], "the closed class list, even where the file lacks some");
    const x = (await data.test.x.array())[0];
    const expected = [31, 32, 33].map((d) => rows[d].map((v, j) => (v - mean[j]) / std[j]));
    x.forEach((row, t) => row.forEach((v, j) => assert.ok(Math.abs(v - expected[t][j]) < 1e-5, `t ${t} feature ${j}`)));
    assert.equal(data.classes[data.test.labels[0]], weather[34]);
    assert.deepEqual(data.test.unscaled[0], [rows[31], rows[32], rows[33]]);
    assert.equal(data.test.targetDates[0], "2013-02-04");
    assert.deepEqual((await data.test.y.array())[0], data.classes.map((c) => (c === weather[34] ? 1 : 0)));
    // Every part's labels lie in its own range; training windows never reach later days.
    assert.deepEqual(data.train.x.shape, [25, 3, 4]);
    assert.deepEqual([data.validation.labels.length, data.test.labels.length], [6, 6]);
  } finally {
    data.dispose();
  }
});

test("loadSeattleWeather on the bundled file: 1461 days, hand-counted classes, six features", async () => {
  const text = fs.readFileSync(datasetPath("seattle-weather.csv"), "utf8").trim().split("\n").slice(1);
  const hand: Record<string, number> = {};
  for (const line of text) hand[line.split(",")[5]] = (hand[line.split(",")[5]] ?? 0) + 1;
  assert.deepEqual({ ...hand }, { drizzle: 53, rain: 641, sun: 640, snow: 26, fog: 101 });
  const data = await loadSeattleWeather({ timesteps: 14, verbose: false });
  try {
    assert.equal(data.rows, 1461);
    assert.deepEqual(data.classes, ["drizzle", "fog", "rain", "snow", "sun"]);
    assert.deepEqual(data.counts, data.classes.map((c) => hand[c]));
    assert.deepEqual(data.featureNames, ["precipitation", "temp_max", "temp_min", "wind", "day_of_year_sin", "day_of_year_cos"]);
    assert.deepEqual(data.train.x.shape, [1023 - 14, 14, 6]);
    assert.deepEqual([data.validation.labels.length, data.test.labels.length], [219, 219]);
    assert.equal(data.test.targetDates[data.test.targetDates.length - 1], "2015-12-31");
  } finally {
    data.dispose();
  }
});

test("loadSeattleWeather rejects days out of order and timesteps longer than the training part", async () => {
  const { file } = handMadeCsv();
  const lines = fs.readFileSync(file, "utf8").split("\n");
  [lines[5], lines[6]] = [lines[6], lines[5]];
  const swapped = file.replace(/w\.csv$/, "swapped.csv");
  fs.writeFileSync(swapped, lines.join("\n"));
  await assert.rejects(loadSeattleWeather({ file: swapped, verbose: false }), /swapped\.csv: line 7, column "date": 2013-01-05 does not follow 2013-01-06 \(line 6\)/);
  await assert.rejects(loadSeattleWeather({ file, timesteps: 28, verbose: false }), /timesteps 28 leaves no training window/);
});

test("loadSeattleWeather reports gaps and builds no window across one", async () => {
  const { file } = handMadeCsv();
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  // Drop 2013-01-11 and 2013-01-12 (lines 12 and 13): one gap of two days before 2013-01-13 (line 12 after the cut).
  const gappy = file.replace(/w\.csv$/, "gappy.csv");
  fs.writeFileSync(gappy, [...lines.slice(0, 11), ...lines.slice(13)].join("\n") + "\n");
  const data = await loadSeattleWeather({ file: gappy, timesteps: 3, dayOfYear: false, verbose: false });
  try {
    assert.deepEqual(data.gaps, [{ line: 12, before: "2013-01-10", after: "2013-01-13", missingDays: 2 }]);
    const all = [data.train, data.validation, data.test].flatMap((s) => s.targetDates);
    // Targets 13, 14, 15 January would look back over the gap: gone. 10 January and 16 January stay.
    for (const d of ["2013-01-13", "2013-01-14", "2013-01-15"]) assert.ok(!all.includes(d), d);
    for (const d of ["2013-01-10", "2013-01-16"]) assert.ok(all.includes(d), d);
    assert.equal(data.train.labels.length, data.train.x.shape[0]);
  } finally {
    data.dispose();
  }
});

test("loadSeattleWeather: an unknown class is an error naming file, line and value unless admitted", async () => {
  const { file } = handMadeCsv();
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  lines[9] = lines[9].replace(/,\w+$/, ",hail");
  const hail = file.replace(/w\.csv$/, "hail.csv");
  fs.writeFileSync(hail, lines.join("\n") + "\n");
  await assert.rejects(loadSeattleWeather({ file: hail, verbose: false }), new RegExp(`^Error: ${hail.replace(/[.\\/]/g, "\\$&")}: line 10, column "weather": unknown class "hail"`));
  const data = await loadSeattleWeather({ file: hail, timesteps: 3, newClasses: true, verbose: false });
  try {
    assert.deepEqual(data.classes, ["drizzle", "fog", "rain", "snow", "sun", "hail"]);
    assert.equal(data.train.y.shape[1], 6);
    assert.equal(data.counts[5], 1);
  } finally {
    data.dispose();
  }
});

test("loadSeattleWeather.frame() gives the file as a danfo DataFrame on request", async () => {
  const { file, rows, weather } = handMadeCsv();
  const data = await loadSeattleWeather({ file, timesteps: 3, verbose: false });
  try {
    const df = data.frame();
    assert.deepEqual(df.columns, ["date", "precipitation", "temp_max", "temp_min", "wind", "weather"]);
    assert.equal(df.shape[0], 40);
    assert.deepEqual(df.column("temp_min").values, rows.map((r) => r[2]));
    assert.deepEqual(df.column("weather").values, weather);
    assert.equal(df.column("date").values[39], "2013-02-09");
    assert.deepEqual(data.test.unscaledWindow(0), data.test.unscaled[0]);
  } finally {
    data.dispose();
  }
});
