import { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { startServiceApp } from '@pb/testing';
import { ACTIVITIES } from '../apps/activities/test/activities-app';
import { ENTERPRISE } from '../apps/enterprise/test/enterprise-app';
import { mergeDocuments, OpenApiCatalogue } from '../apps/gateway/src/application/queries/openapi-catalogue';
import { GATEWAY } from '../apps/gateway/test/gateway-app';
import { GOVERNANCE } from '../apps/governance/test/governance-app';
import { MEMBERSHIP } from '../apps/membership/test/membership-app';

type Schema = { $ref?: string; properties?: Record<string, unknown>; required?: string[]; allOf?: Schema[] };

/** The four services as they run (listening on a port), and the gateway pointed at them. */
describe('OpenAPI of the whole public surface at the gateway', () => {
  const services: Record<string, INestApplication> = {};
  let gateway: INestApplication;

  const serve =
    (name: string) =>
    async ({ app }: { app: INestApplication }): Promise<string> => {
      services[name] = app;
      await app.listen(0, '127.0.0.1');
      return app.getUrl();
    };

  beforeAll(async () => {
    const [membership, activities, governance, enterprise] = await Promise.all([
      startServiceApp(MEMBERSHIP).then(serve('membership')),
      startServiceApp(ACTIVITIES).then(serve('activities')),
      startServiceApp(GOVERNANCE).then(serve('governance')),
      startServiceApp(ENTERPRISE).then(serve('enterprise')),
    ]);
    ({ app: gateway } = await startServiceApp(GATEWAY, { env: { MEMBERSHIP_URL: membership, ACTIVITIES_URL: activities, GOVERNANCE_URL: governance, ENTERPRISE_URL: enterprise } }));
  }, 120000);

  afterAll(async () => {
    for (const app of [gateway, ...Object.values(services)]) await app?.close();
  });

  const bodySchema = (doc: OpenAPIObject, path: string, method = 'post'): Schema => {
    const op = (doc.paths[path] as Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }> | undefined)?.[method];
    expect(op).toBeDefined();
    const ref = op!.requestBody!.content['application/json'].schema.$ref!;
    const schema = doc.components!.schemas![ref.replace('#/components/schemas/', '')] as Schema;
    expect(schema).toBeDefined();
    return schema;
  };

  it('lists every service’s routes under /api/<service> with their request schemas, and the gateway’s own routes', async () => {
    const doc = (await request(gateway.getHttpServer()).get('/docs-json').expect(200)).body as OpenAPIObject;

    // The gateway's own surface: sign-in (with its body's fields), dashboards, timelines.
    expect(bodySchema(doc, '/api/auth/sign-in').properties).toEqual(expect.objectContaining({ username: expect.anything(), password: expect.anything() }));
    expect(doc.paths['/api/auth/refresh']).toBeDefined();
    expect(doc.paths['/api/dashboard']?.get?.parameters?.map((p) => (p as { name: string }).name)).toEqual(expect.arrayContaining(['scope', 'id', 'period']));
    expect(doc.paths['/api/timeline']).toBeDefined();

    // One representative command of each service, with the fields its DTO validates.
    const organization = bodySchema(doc, '/api/membership/organizations');
    expect(organization.properties).toEqual(
      expect.objectContaining({ name: expect.objectContaining({ type: 'string' }), type: expect.objectContaining({ enum: expect.arrayContaining(['BRANCH']) }) }),
    );
    expect(organization.required).toEqual(expect.arrayContaining(['name', 'type']));
    const activity = bodySchema(doc, '/api/activities/activities');
    expect(activity.properties).toEqual(expect.objectContaining({ title: expect.anything(), kind: expect.anything(), organizerIds: expect.objectContaining({ type: 'array' }) }));
    const kase = bodySchema(doc, '/api/governance/cases');
    expect(kase.properties).toEqual(expect.objectContaining({ kind: expect.anything(), title: expect.anything(), description: expect.anything() }));
    expect(kase.required).toEqual(expect.arrayContaining(['kind', 'title', 'description']));
    expect(kase.required).not.toContain('caseId');
    const serviceRequest = bodySchema(doc, '/api/enterprise/service-requests');
    expect(serviceRequest.properties).toEqual(
      expect.objectContaining({ creditCode: expect.objectContaining({ type: 'string' }), category: expect.objectContaining({ enum: expect.arrayContaining(['FINANCING']) }) }),
    );
    expect(serviceRequest.required).toEqual(expect.arrayContaining(['creditCode', 'category', 'title']));

    // Tagged per service; the services' operational routes stay out.
    const tags = (doc.tags ?? []).map((t) => t.name);
    expect(tags).toEqual(expect.arrayContaining(['membership', 'activities', 'governance', 'enterprise']));
    expect((doc.paths['/api/governance/cases'] as Record<string, { tags: string[] }>).post.tags).toEqual(['governance']);
    expect(Object.keys(doc.paths).some((p) => /^\/api\/\w+\/(health|metrics)/.test(p))).toBe(false);
    // Every reference resolves inside the merged document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !doc.components!.schemas![r])).toEqual([]);
    // The UI is served too.
    await request(gateway.getHttpServer()).get('/docs').expect(200);
  });

  it('notes a service that is down instead of failing', async () => {
    await services.membership.close();
    delete services.membership;
    const catalogue = gateway.get(OpenApiCatalogue);
    await catalogue.refresh();
    const doc = (await request(gateway.getHttpServer()).get('/docs-json').expect(200)).body as OpenAPIObject;
    expect(doc.info.description).toMatch(/membership 服务暂时无法访问/);
    // The last copy fetched still describes its routes; the others are unaffected.
    expect(doc.paths['/api/membership/organizations']).toBeDefined();
    expect(doc.paths['/api/enterprise/service-requests']).toBeDefined();

    const never = mergeDocuments({ openapi: '3.0.0', info: { title: 'x', version: '1' }, paths: {} }, [{ service: 'activities', failedAt: new Date() }]);
    expect(never.info.description).toMatch(/activities 服务暂时无法访问，其接口文档将在服务恢复后自动补齐/);
    expect(never.tags?.find((t) => t.name === 'activities')?.description).toMatch(/暂时无法访问/);
  });
});
