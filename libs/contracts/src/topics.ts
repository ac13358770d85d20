/** One topic per service context, keyed by aggregate id so an aggregate's events stay in order. */
export const CONTEXT_TOPICS = {
  membership: 'membership.events',
  activities: 'activities.events',
  governance: 'governance.events',
  enterprise: 'enterprise.events',
} as const;

export type Context = keyof typeof CONTEXT_TOPICS;

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

export function eventSource(context: Context | 'gateway'): string {
  return `/party-building/${context}`;
}

/**
 * Per context, the analyst topic derived from the context topic by the
 * analyst-streams app: the same events with people pseudonymised and personal
 * data removed. Analysts read these and nothing else.
 */
export const ANALYST_TOPICS = {
  membership: 'analyst.membership.events',
  activities: 'analyst.activities.events',
  governance: 'analyst.governance.events',
  enterprise: 'analyst.enterprise.events',
} as const satisfies Record<Context, string>;

export const ANALYST_TOPIC_PREFIX = 'analyst.';
