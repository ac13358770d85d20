import { Area, BIRTH_DATE, newPerson } from './world';

/** What this file reads of an OpenAPI schema object. */
export interface JsonSchema {
  $ref?: string;
  allOf?: JsonSchema[];
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

/** What this file reads of an operation; a path's other keys (summary, parameters) are skipped by method. */
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface Endpoint {
  method: string;
  path: string;
  key: string;
  pathParams: string[];
  queryParams: { name: string; required: boolean; schema?: JsonSchema }[];
  bodySchema?: JsonSchema;
}

export type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };

/** The proxy's catch-all (`/api/{service}/{path}`) stands for the services' routes, which the document lists one by one. */
const CATCH_ALL = '/api/{service}/{path}';

export function endpointsOf(doc: Doc): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (path === CATCH_ALL) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const ref = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema })),
        bodySchema: ref ? resolve(doc, ref) : undefined,
      });
    }
  }
  return out;
}

export function resolve(doc: Doc, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return schema;
  if (schema.$ref) return resolve(doc, doc.components!.schemas![schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length === 1 && !schema.properties) return { ...resolve(doc, schema.allOf[0]), nullable: schema.nullable };
  return schema;
}

/** Path parameters that name a record of an area, and the record. */
export const PATH_PARAM_RECORDS: Record<string, (a: Area) => string | undefined> = {
  jurisdictionId: (a) => a.zoneId,
  districtId: (a) => a.districtId,
  zoneId: (a) => a.zoneId,
  organizationId: (a) => a.organizationId,
  memberId: (a) => a.memberId,
  caseId: (a) => a.caseId,
  recordId: (a) => a.caseId,
  gridId: (a) => a.gridId,
  workerId: (a) => a.workerId,
  committeeId: (a) => a.committeeId,
  creditCode: (a) => a.creditCode,
  requestId: (a) => a.requestId,
  activityId: (a) => a.activityId,
};

/** Path parameters the suite has no record for (the id does not exist: the answer must still be a 4xx, never a 2xx or 5xx). */
export const PATH_PARAMS_WITHOUT_RECORD = new Set([
  // The gateway's users (offboarding routes): test/security/sessions.e2e.spec.ts acts on real ones.
  'userId',
  'allianceId',
  'massOrganizationId',
  'transferId',
  'declarationId',
  'instructorId',
  'buildingId',
  'departmentId',
  'roomId',
  'bookingId',
  'claimId',
  'pledgeId',
  'postId',
  'period',
  'meetingId',
  'resolutionId',
  'actionId',
  'mediationId',
  'campaignId',
  'category',
  'serviceDayId',
  'issueId',
  'matchId',
  'policyId',
  'makerSpaceId',
  'startupId',
]);

/** Body or query fields that place a request in a jurisdiction or point at a record of one. */
const FIELD_RECORDS: Record<string, (a: Area) => string | undefined> = {
  districtId: (a) => a.districtId,
  subDistrictId: (a) => a.subDistrictId,
  zoneId: (a) => a.zoneId,
  jointCommitteeOfZone: (a) => a.zoneId,
  organizationId: (a) => a.organizationId,
  parentId: (a) => a.subDistrictId,
  memberId: (a) => a.memberId,
  gridId: (a) => a.gridId,
  workerId: (a) => a.workerId,
  caseId: (a) => a.caseId,
  committeeId: (a) => a.committeeId,
  creditCode: (a) => a.creditCode,
  enterpriseCode: (a) => a.creditCode,
  activityId: (a) => a.activityId,
};
export const JURISDICTION_FIELDS = Object.keys(FIELD_RECORDS);

/** Ids a create command would take as the new record's id: left out, so the command creates rather than collides. */
const NEW_ID_FIELDS =
  /^(caseId|activityId|requestId|organizationId|memberId|gridId|committeeId|centreId|roomId|allianceId|pledgeId|postId|massOrganizationId|needId|matchId|policyId|mentorId|makerSpaceId|serviceDayId|claimId|honourId|recommendationId|departmentId|campaignId|mediationId)$/;

/** Whether a body field names a record of the area (then a cross-district request is a cross-scope write). */
export function pointsAtArea(field: string): boolean {
  return field in FIELD_RECORDS;
}

/** A value of the right shape for a string with this pattern/format, good enough to pass validation. */
function stringFor(name: string, schema: JsonSchema): string {
  if (name === 'idNumber') return newPerson().idNumber;
  if (name === 'phone') return newPerson().phone;
  if (name === 'birthDate') return BIRTH_DATE;
  if (schema.format === 'date-time') return new Date(Date.now() + 3 * 86400_000).toISOString();
  const p = schema.pattern;
  if (p) {
    if (p.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-11-02';
    if (p.includes('\\d{4}-\\d{2}') || p.includes('\\d{4}-(0[1-9]|1[0-2])')) return '2026-11';
    if (p.startsWith('^[A-Za-z0-9_-]') || p.startsWith('^[A-Za-z0-9_.-]')) return `x-${name.slice(0, 20)}`;
    if (p.includes('[0-9A-HJ-NPQRTUWXY]')) return '91370811MA3HN0001T';
  }
  if (/url/i.test(name)) return 'https://example.cn/x';
  if (/date$/i.test(name) || /On$/.test(name)) return '2026-11-02';
  if (/At$/.test(name)) return new Date(Date.now() + 3 * 86400_000).toISOString();
  return `测试${name.slice(0, 10)}`;
}

/**
 * A body that passes validation as far as a schema says, placed in `area`: required fields plus every field
 * that places the request in a jurisdiction or points at the area's records.
 */
export function sampleBody(doc: Doc, given: JsonSchema | undefined, area: Area, name = ''): unknown {
  const schema = resolve(doc, given);
  if (!schema) return {};
  if (name && FIELD_RECORDS[name]) {
    const v = FIELD_RECORDS[name](area);
    if (v !== undefined) return schema.type === 'array' ? [v] : v;
  }
  if (schema.enum) return schema.enum[0];
  if (schema.allOf) return sampleBody(doc, schema.allOf[0], area, name);
  switch (schema.type) {
    case 'string':
      return stringFor(name, schema);
    case 'number':
    case 'integer':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 3, 3));
    case 'boolean':
      return true;
    case 'array': {
      const n = Math.max(schema.minItems ?? 1, 1);
      const items = schema.items ?? { type: 'string' };
      return Array.from({ length: n }, () => sampleBody(doc, items, area, name.replace(/s$/, '')));
    }
    default: {
      if (!schema.properties) return schema.nullable ? null : {};
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [field, sub] of Object.entries(schema.properties)) {
        const placing = FIELD_RECORDS[field] && !NEW_ID_FIELDS.test(field);
        if (!required.has(field) && !placing) continue;
        if (NEW_ID_FIELDS.test(field) && !required.has(field)) continue;
        out[field] = sampleBody(doc, sub, area, field);
      }
      return out;
    }
  }
}

export function fillPath(ep: Endpoint, area: Area): { url: string; realRecord: boolean } {
  let realRecord = ep.pathParams.length > 0;
  const url = ep.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = PATH_PARAM_RECORDS[name]?.(area);
    if (v === undefined) {
      realRecord = false;
      return `no-such-${name}`;
    }
    return encodeURIComponent(v);
  });
  return { url, realRecord };
}

export function queryFor(ep: Endpoint, area: Area | undefined, doc: Doc): string {
  const q = new URLSearchParams();
  for (const p of ep.queryParams) {
    if (area && FIELD_RECORDS[p.name]) q.set(p.name, FIELD_RECORDS[p.name](area) ?? 'x');
    else if (p.required) q.set(p.name, String(sampleBody(doc, p.schema ?? { type: 'string' }, area as Area, p.name)));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Objects of a list answer that say where they belong. */
export function placedRows(body: unknown, depth = 0, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (depth > 4 || body === null || typeof body !== 'object') return out;
  if (Array.isArray(body)) {
    for (const x of body) placedRows(x, depth + 1, out);
    return out;
  }
  const o = body as Record<string, unknown>;
  if (typeof o.districtId === 'string') out.push(o);
  for (const v of Object.values(o)) if (v && typeof v === 'object') placedRows(v, depth + 1, out);
  return out;
}
