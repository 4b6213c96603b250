// A long Seattle-style CSV for memory measurements (npm run soak, test/reliability): `rows`
// consecutive days from 1000-01-01 (no gaps), deterministic values in the real file's ranges,
// the five known classes. Written with a stream (never held whole); never committed.
import * as fs from "node:fs";
import { isoDay } from "../src/data/isoDay";

const CLASSES = ["drizzle", "fog", "rain", "snow", "sun"];

/**
 * Writes `rows` days of date,precipitation,temp_max,temp_min,wind,weather to `file`.
 *
 * @example
 * await writeLongWeatherCsv("/tmp/w.csv", 1_000_000);
 */
export async function writeLongWeatherCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const first = -354285; // 1000-01-01 as days since 1970-01-01
  let chunk = "date,precipitation,temp_max,temp_min,wind,weather\n";
  for (let i = 0; i < rows; i++) {
    const season = Math.sin((2 * Math.PI * i) / 365.25);
    const precipitation = ((i * 7919) % 300) / 10;
    const tempMax = (15 + 10 * season + ((i * 31) % 50) / 10).toFixed(1);
    const tempMin = (5 + 8 * season - ((i * 17) % 40) / 10).toFixed(1);
    const wind = (((i * 13) % 80) / 10 + 0.5).toFixed(1);
    chunk += `${isoDay(first + i)},${precipitation.toFixed(1)},${tempMax},${tempMin},${wind},${CLASSES[(i * 7 + (i >> 3)) % 5]}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve, reject) => { out.on("finish", resolve); out.on("error", reject); });
}
