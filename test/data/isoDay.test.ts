import { test } from "node:test";
import * as assert from "node:assert/strict";
import { dayOfYear, isoDay, parseIsoDay } from "../../src/data/isoDay";

test("parseIsoDay agrees with Date.UTC on every day of 1896–2104 and isoDay inverts it", () => {
  // Independent reference: the JS Date (proleptic Gregorian, UTC) over a span with 1900 and 2100 (not leap) and 2000 (leap).
  for (let t = Date.UTC(1896, 0, 1); t <= Date.UTC(2104, 11, 31); t += 86400000) {
    const text = new Date(t).toISOString().slice(0, 10);
    const day = parseIsoDay(text);
    assert.equal(day, t / 86400000, text);
    assert.equal(isoDay(day!), text);
  }
  assert.equal(isoDay(parseIsoDay("1000-01-01")!), "1000-01-01");
});

test("parseIsoDay rejects anything but a whole calendar day", () => {
  for (const bad of ["2013-03-01 junk", " 2013-03-01", "2013-02-29", "1900-02-29", "2013-13-01", "2013-00-10", "2013-04-31", "2013-1-1", "20130301", "", "2013-03-01T00:00"]) {
    assert.equal(parseIsoDay(bad), null, bad);
  }
  assert.notEqual(parseIsoDay("2012-02-29"), null);
  assert.notEqual(parseIsoDay("2000-02-29"), null);
});

test("dayOfYear counts from 0 and knows leap years", () => {
  assert.deepEqual(dayOfYear(parseIsoDay("2012-12-31")!), { day: 365, daysInYear: 366 });
  assert.deepEqual(dayOfYear(parseIsoDay("2013-03-01")!), { day: 59, daysInYear: 365 });
});
