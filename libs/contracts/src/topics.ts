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
