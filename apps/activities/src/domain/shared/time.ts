/**
 * Local time of Jining (Asia/Shanghai, UTC+8 all year, no daylight saving):
 * opening hours, months and quarters are local, instants are UTC.
 */
export const LOCAL_OFFSET_MS = 8 * 3600_000;
export const HALF_HOUR_MS = 30 * 60_000;
export const HOUR_MS = 3600_000;

/** A Date whose UTC fields read as local wall-clock time. */
export function localFields(instant: Date): Date {
  return new Date(instant.getTime() + LOCAL_OFFSET_MS);
}

/** The instant of a local wall-clock time. */
export function fromLocal(year: number, monthIndex: number, day = 1, hours = 0, minutes = 0): Date {
  return new Date(Date.UTC(year, monthIndex, day, hours, minutes) - LOCAL_OFFSET_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) in local time. */
export function localWeekday(instant: Date): number {
  const d = localFields(instant).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Minutes since local midnight. */
export function localMinuteOfDay(instant: Date): number {
  const l = localFields(instant);
  return l.getUTCHours() * 60 + l.getUTCMinutes();
}

export function localDateKey(instant: Date): string {
  return localFields(instant).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:MM' local, for messages. */
export function localLabel(instant: Date): string {
  return localFields(instant).toISOString().slice(0, 16).replace('T', ' ');
}

export function hhmmToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
