/**
 * Periods of the dashboards in China time (UTC+8, no daylight saving): a
 * month 'YYYY-MM', a quarter 'YYYY-Qn' or a year 'YYYY', as activities uses them.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export interface PeriodKeys {
  year: string;
  quarter: string;
  month: string;
}

/** The keys of the local day an instant falls on. */
export function periodKeysOfInstant(instant: string | Date): PeriodKeys {
  const local = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString();
  return periodKeysOfDate(local.slice(0, 10));
}

/** The keys of a local date 'YYYY-MM-DD'. */
export function periodKeysOfDate(date: string): PeriodKeys {
  const year = date.slice(0, 4);
  const month = date.slice(0, 7);
  return { year, month, quarter: `${year}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}` };
}

export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** Which key field a period is matched on. */
export function periodField(period: string): keyof PeriodKeys {
  return period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
}

/**
 * Whether a 三会一课 unit (a month or a quarter) lies wholly inside a period:
 * a quarter's finding does not count against one of its months.
 */
export function unitWithin(unit: string, period: string): boolean {
  if (period.length === 4) return unit.startsWith(period);
  if (period.includes('Q')) {
    if (unit.includes('Q')) return unit === period;
    return periodKeysOfDate(`${unit}-01`).quarter === period;
  }
  return unit === period;
}
