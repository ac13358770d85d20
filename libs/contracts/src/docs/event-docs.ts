import { EVENT_CATALOGUE } from '../catalogue';
import { envelopeSchema } from '../envelope';
import { EventDefinition, JsonSchema } from '../event-definition';
import { coarsenedPaths, freeTextPaths } from '../de-identification';
import { analystEnvelopeSchema, analystSchemaPath, PSEUDONYM_PATTERN, toAnalystPayload } from '../privacy';
import { publishedAnalystSchemaOf, publishedSchemaOf, SCHEMA_ROOT, schemaPath } from '../schema-files';
import { ANALYST_TOPICS, Context, CONTEXT_TOPICS } from '../topics';
import { stringify } from 'yaml';

type Definition = EventDefinition & { type: string };

/** The key the committed examples are pseudonymised with: documentation only, never a deployment's key. */
export const EXAMPLE_PSEUDONYM_KEY = 'example-key-for-documentation-only';

const CONTEXT_NAMES: Record<Context, { zh: string; en: string }> = {
  membership: { zh: '组织共建、党员共管', en: 'Membership: jurisdictions, organizations, members' },
  activities: { zh: '活动共办', en: 'Activities: organization life, volunteering, pledges, rooms' },
  governance: { zh: '共治', en: 'Governance: committees, grids, cases, mediation' },
  enterprise: { zh: '资源共享', en: 'Enterprise services: requests, service days, financing, mentors' },
};

/** One entry of the catalogue the gateway serves (`GET /api/events/catalogue`). */
export interface CatalogueItem {
  type: string;
  context: string;
  name: string;
  version: number;
  aggregateType: string;
  descriptionZh: string;
  descriptionEn: string;
  /** Dropped on analyst topics. */
  personalFields: string[];
  /** Pseudonymised on analyst topics. */
  personIds: string[];
  topic: string;
  analystTopic: string;
  /** Path of the committed schema file, e.g. `libs/contracts/schemas/membership/MemberRegistered.v1.json`. */
  schemaFile: string;
  schema: JsonSchema;
  example: unknown;
  analystSchema: JsonSchema;
  analystExample: unknown;
}

export function catalogueItems(catalogue: readonly Definition[] = EVENT_CATALOGUE): CatalogueItem[] {
  return catalogue.map((d) => ({
    type: d.type,
    context: d.context,
    name: d.name,
    version: d.version,
    aggregateType: d.aggregateType,
    descriptionZh: d.description.zh,
    descriptionEn: d.description.en,
    personalFields: [...d.personalFields],
    personIds: [...(d.personIds ?? [])],
    topic: CONTEXT_TOPICS[d.context],
    analystTopic: ANALYST_TOPICS[d.context],
    schemaFile: `${SCHEMA_ROOT}/${schemaPath(d)}`,
    schema: publishedSchemaOf(d),
    example: d.example,
    analystSchema: publishedAnalystSchemaOf(d),
    analystExample: toAnalystPayload(d, d.example, EXAMPLE_PSEUDONYM_KEY),
  }));
}

function componentName(d: Definition, analyst: boolean): string {
  return `${analyst ? 'analyst_' : ''}${d.context}_${d.name}_v${d.version}`;
}

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** The AsyncAPI 3.0 document of every topic, message and payload schema. */
export function asyncApiDocument(catalogue: readonly Definition[] = EVENT_CATALOGUE): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    envelope: stripMeta(envelopeSchema as unknown as JsonSchema),
    analystEnvelope: stripMeta(analystEnvelopeSchema as unknown as JsonSchema),
  };
  for (const context of Object.keys(CONTEXT_TOPICS) as Context[]) {
    const own = catalogue.filter((d) => d.context === context);
    for (const analyst of [false, true]) {
      const channelId = `${analyst ? 'analyst_' : ''}${context}`;
      const channelMessages: Record<string, unknown> = {};
      for (const d of own) channelMessages[componentName(d, analyst)] = { $ref: `#/components/messages/${componentName(d, analyst)}` };
      channels[channelId] = {
        address: analyst ? ANALYST_TOPICS[context] : CONTEXT_TOPICS[context],
        title: analyst ? `分析主题 Analyst: ${CONTEXT_NAMES[context].zh}` : `${CONTEXT_NAMES[context].zh}`,
        description: analyst
          ? `Analyst topic of ${context}: the same events under ids of their own (no correlation, causation or version; time to the day), people pseudonymised (keyed hash, pattern ${PSEUDONYM_PATTERN}), names removed, free text scrubbed of phone numbers, ID numbers and registered people's names, birth years and a person's dates coarsened. Analysts read only analyst.* topics.`
          : `${CONTEXT_NAMES[context].en}. Internal: read by the platform's services; keyed by aggregate id.`,
        messages: channelMessages,
      };
      operations[`${analyst ? 'receive' : 'send'}_${channelId}`] = {
        action: analyst ? 'receive' : 'send',
        channel: { $ref: `#/channels/${channelId}` },
        summary: analyst ? `Analysts subscribe to ${ANALYST_TOPICS[context]}` : `The ${context} service publishes to ${CONTEXT_TOPICS[context]}`,
      };
      for (const d of own) {
        const name = componentName(d, analyst);
        messages[name] = {
          name: d.type,
          title: d.type,
          summary: d.description.zh,
          description: d.description.en,
          contentType: 'application/cloudevents+json',
          // Structured CloudEvents: the whole envelope is the message; the event's payload is `data`.
          payload: {
            allOf: [
              { $ref: `#/components/schemas/${analyst ? 'analystEnvelope' : 'envelope'}` },
              { type: 'object', properties: { type: { const: d.type }, data: { $ref: `#/components/schemas/${name}` } } },
            ],
          },
          examples: [{ name: 'example', payload: analyst ? toAnalystPayload(d, d.example, EXAMPLE_PSEUDONYM_KEY) : d.example }],
        };
        schemas[name] = stripMeta(analyst ? publishedAnalystSchemaOf(d) : publishedSchemaOf(d));
      }
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: '城市基层党建平台事件 Party-building platform events',
      version: '1.0.0',
      description:
        'Every public event type of the platform, generated from libs/contracts (scripts/generate-event-docs.mjs). ' +
        'Messages are CloudEvents 1.0 JSON envelopes (see components.schemas.envelope); the payload is the `data` attribute. ' +
        "Topic names get the deployment's KAFKA_TOPIC_PREFIX in front.",
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { schemas, messages },
  };
}

function table(rows: string[][]): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const [head, ...body] = rows;
  return [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** The human-readable catalogue: every event type with both descriptions, its schema link and an example. */
export function catalogueMarkdown(catalogue: readonly Definition[] = EVENT_CATALOGUE): string {
  const lines: string[] = [
    '# 事件目录 Event catalogue',
    '',
    '<!-- Generated by `node scripts/generate-event-docs.mjs` from libs/contracts; do not edit by hand. -->',
    '',
    `${catalogue.length} event types. Every event travels in a CloudEvents 1.0 envelope keyed by aggregate id; ` +
      "analysts read the `analyst.*` topics, where person ids are pseudonyms (`psn_…`), personal fields are absent, free text is scrubbed and a person's dates are coarsened " +
      '(see [analyst streams](../analyst-streams.md)). Machine-readable: [asyncapi.yaml](asyncapi.yaml).',
    '',
    '共 ' + catalogue.length + ' 种事件。分析人员只能读取 `analyst.*` 主题：人员标识已假名化，姓名等个人信息已去除。',
    '',
  ];
  for (const context of Object.keys(CONTEXT_TOPICS) as Context[]) {
    const own = catalogue.filter((d) => d.context === context);
    lines.push(
      `## ${CONTEXT_NAMES[context].zh} — ${context}`,
      '',
      `${CONTEXT_NAMES[context].en}. Topic \`${CONTEXT_TOPICS[context]}\`, analyst topic \`${ANALYST_TOPICS[context]}\`.`,
      '',
    );
    lines.push(
      table([['Event type', '说明', 'Description'], ...own.map((d) => [`[\`${d.type}\`](#${d.type.replace(/\./g, '').toLowerCase()})`, d.description.zh, d.description.en])]),
      '',
    );
    for (const d of own) {
      lines.push(
        `### ${d.type}`,
        '',
        `- 说明：${d.description.zh}`,
        `- Description: ${d.description.en}`,
        `- Aggregate: \`${d.aggregateType}\`; schema: [${schemaPath(d)}](../../${SCHEMA_ROOT}/${schemaPath(d)}); analyst schema: [${analystSchemaPath(d)}](../../${SCHEMA_ROOT}/${analystSchemaPath(d)})`,
        `- 个人信息（分析主题上去除）Personal fields, removed for analysts: ${d.personalFields.length ? d.personalFields.map((f) => `\`${f}\``).join(', ') : '—'}`,
        `- 人员标识（分析主题上假名化）Person ids, pseudonymised for analysts: ${(d.personIds ?? []).length ? d.personIds!.map((f) => `\`${f}\``).join(', ') : '—'}`,
        `- 自由文本（分析主题上清除电话、证件号、姓名）Free text, scrubbed for analysts: ${
          freeTextPaths(d).length
            ? freeTextPaths(d)
                .map((f) => `\`${f}\``)
                .join(', ')
            : '—'
        }`,
        `- 粗化（分析主题上）Coarsened for analysts: ${
          Object.keys(coarsenedPaths(d)).length
            ? Object.entries(coarsenedPaths(d))
                .map(([f, how]) => `\`${f}\` (${how})`)
                .join(', ')
            : '—'
        }`,
        '',
        'Example:',
        '',
        '```json',
        JSON.stringify(d.example, null, 2),
        '```',
        '',
        'On the analyst topic:',
        '',
        '```json',
        JSON.stringify(toAnalystPayload(d, d.example, EXAMPLE_PSEUDONYM_KEY), null, 2),
        '```',
        '',
      );
    }
  }
  return lines.join('\n');
}

/** The AsyncAPI document as YAML: long descriptions stay on one line, shared parts are written out (no anchors, which some readers refuse). */
export function asyncApiYaml(catalogue: readonly Definition[] = EVENT_CATALOGUE): string {
  return stringify(asyncApiDocument(catalogue), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Every generated documentation file, path relative to the repository root → content. */
export function renderEventDocs(catalogue: readonly Definition[] = EVENT_CATALOGUE): Map<string, string> {
  return new Map([
    ['docs/events/asyncapi.yaml', `# Generated by \`node scripts/generate-event-docs.mjs\` from libs/contracts; do not edit by hand.\n${asyncApiYaml(catalogue)}`],
    ['docs/events/catalogue.md', catalogueMarkdown(catalogue)],
  ]);
}
