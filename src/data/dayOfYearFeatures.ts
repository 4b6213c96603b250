import { dayOfYear, parseIsoDay } from "./isoDay";

/**
 * The day of the year as a point on a circle, `[sin, cos]` of 2π·(day − 1)/days-in-year, so that
 * 31 December and 1 January are neighbours. Dates are `YYYY-MM-DD` (the time part, if any, is
 * ignored); a malformed date is an error naming its row.
 *
 * @example
 * dayOfYearFeatures(["2012-01-01"]) // [[0, 1]]
 */
export function dayOfYearFeatures(dates: string[]): number[][] {
  return dates.map((date, i) => {
    const day = parseIsoDay(String(date).slice(0, 10));
    if (day === null) throw new Error(`dayOfYearFeatures: row ${i} has date ${JSON.stringify(date)}, expected YYYY-MM-DD`);
    return dayOfYearSinCos(day);
  });
}

/**
 * `[sin, cos]` of the day of the year of a day number (see isoDay), as in dayOfYearFeatures.
 *
 * @example
 * dayOfYearSinCos(0) // [0, 1] (1970-01-01)
 */
export function dayOfYearSinCos(day: number): [number, number] {
  const { day: d, daysInYear } = dayOfYear(day);
  const angle = (2 * Math.PI * d) / daysInYear;
  return [Math.sin(angle), Math.cos(angle)];
}
