/** What a service day's answer holds per enterprise: its issues, the enterprises served and, for a matchmaking session, the matches. */
export interface ServiceDayParts {
  issues?: { creditCode: string }[];
  enterprisesServed?: string[];
  matches?: { creditCode: string }[];
}

/**
 * A service day (上门服务日, 银企对接会) as one enterprise's contact sees it: the day itself, and of
 * what the other enterprises of the zone raised, were served or matched with, nothing.
 */
export function serviceDayForEnterprise<T extends ServiceDayParts>(day: T, creditCode: string): T {
  const view: T = { ...day };
  if (day.issues) view.issues = day.issues.filter((i) => i.creditCode === creditCode);
  if (day.enterprisesServed) view.enterprisesServed = day.enterprisesServed.filter((c) => c === creditCode);
  if (day.matches) view.matches = day.matches.filter((m) => m.creditCode === creditCode);
  return view;
}
