/**
 * Working days 工作日 in China time (UTC+8, no daylight saving): Saturdays,
 * Sundays and listed public holidays do not count. Adjusted working weekends
 * 调休 are not modelled; an admin can list the holidays that matter.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(instant: Date, holidays: readonly string[]): boolean {
  const weekday = new Date(instant.getTime() + CHINA_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.includes(chinaDate(instant));
}

/**
 * The same time of day `days` working days later: a request submitted on Friday
 * 10:00 with 3 working days is due on Wednesday 10:00; one submitted at the
 * weekend counts from the next working day on.
 */
export function addWorkingDays(from: Date, days: number, holidays: readonly string[]): Date {
  let at = from.getTime();
  let added = 0;
  // Bounded: even a year of holidays cannot keep this going for long.
  for (let guard = 0; added < days && guard < 3660; guard++) {
    at += DAY_MS;
    if (isWorkingDay(new Date(at), holidays)) added++;
  }
  return new Date(at);
}
