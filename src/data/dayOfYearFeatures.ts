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
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(date));
    const y = m ? Number(m[1]) : NaN;
    const start = Date.UTC(y, 0, 1);
    const t = m ? Date.UTC(y, Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || !Number.isFinite(t) || new Date(t).getUTCDate() !== Number(m[3])) {
      throw new Error(`dayOfYearFeatures: row ${i} has date ${JSON.stringify(date)}, expected YYYY-MM-DD`);
    }
    const daysInYear = (Date.UTC(y + 1, 0, 1) - start) / 86400000;
    const angle = (2 * Math.PI * Math.round((t - start) / 86400000)) / daysInYear;
    return [Math.sin(angle), Math.cos(angle)];
  });
}
