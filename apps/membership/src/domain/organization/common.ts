import type { EventEnvelope } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';

/**
 * Aggregate ids share one event stream namespace: an id already used by another
 * kind of record (say a jurisdiction called like an organization) must be a 409,
 * not an attempt to replay someone else's events.
 */
export function assertOwnStream(event: EventEnvelope, aggregateType: string): void {
  if (event.aggregatetype !== aggregateType) {
    throw new DomainError('conflict', 'ID_IN_USE', `编号 ${event.subject} 已被其他类型的记录使用`, { id: event.subject, usedBy: event.aggregatetype });
  }
}

/** The calendar date in China (UTC+8) at an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date `years` years after a YYYY-MM-DD date. */
export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** The date `days` days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
