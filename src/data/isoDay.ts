// Calendar days as integers (days since 1970-01-01, proleptic Gregorian) without Date objects:
// whole-cell YYYY-MM-DD parsing for CSV validation, and the way back for printing.

/** Days since 1970-01-01 of a valid year/month/day (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whether `y` is a leap year of the Gregorian calendar. */
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The day number (days since 1970-01-01) of a cell that is exactly a calendar date
 * `YYYY-MM-DD`, or null: trailing text ("2013-03-01 junk"), impossible days ("2013-02-29")
 * and other forms are all null, so the caller can name the line.
 *
 * @example
 * parseIsoDay("1970-01-02") // 1
 * parseIsoDay("2013-02-29") // null
 */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return null;
  if (d > (mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1])) return null;
  return daysFromCivil(y, mo, d);
}

/**
 * The `YYYY-MM-DD` text of a day number (the inverse of parseIsoDay, years 0000–9999).
 *
 * @example
 * isoDay(0) // "1970-01-01"
 */
export function isoDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The day of the year (0 for 1 January) and the length of that year, for a day number.
 *
 * @example
 * dayOfYear(parseIsoDay("2012-12-31")!) // { day: 365, daysInYear: 366 }
 */
export function dayOfYear(day: number): { day: number; daysInYear: number } {
  const y = Number(isoDay(day).slice(0, 4));
  return { day: day - daysFromCivil(y, 1, 1), daysInYear: isLeap(y) ? 366 : 365 };
}
