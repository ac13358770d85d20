import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { EVENT_CATALOGUE } from '@pb/contracts';
import { startServiceApp } from '@pb/testing';
import { GATEWAY } from './gateway-app';

const ADMIN = { username: 'catalogue-admin', password: 'correct horse battery staple' };

describe('gateway event catalogue (real database)', () => {
  let app: INestApplication;
  const server = () => app.getHttpServer();

  beforeAll(async () => {
    ({ app } = await startServiceApp(GATEWAY, { env: { FIRST_ADMIN_USERNAME: ADMIN.username, FIRST_ADMIN_PASSWORD: ADMIN.password } }));
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves the catalogue to signed-in users only: every event type with schema, descriptions and example', async () => {
    await request(server()).get('/api/events/catalogue').expect(401);
    const token = (await request(server()).post('/api/auth/sign-in').send(ADMIN).expect(200)).body.accessToken as string;
    const res = await request(server()).get('/api/events/catalogue').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body.map((i: { type: string }) => i.type)).toEqual(EVENT_CATALOGUE.map((d) => d.type));
    const member = res.body.find((i: { type: string }) => i.type === 'membership.MemberRegistered.v1');
    expect(member).toMatchObject({
      context: 'membership',
      name: 'MemberRegistered',
      version: 1,
      personalFields: ['name'],
      personIds: ['memberId'],
      analystTopic: 'analyst.membership.events',
    });
    expect(member.descriptionZh).toMatch(/党员/);
    expect(member.schema.properties.name).toBeDefined();
    expect(member.analystExample).not.toHaveProperty('name');
  });

  it('serves the AsyncAPI document, identical to the committed docs/events/asyncapi.yaml', async () => {
    const res = await request(server()).get('/api/events/asyncapi.yaml').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/yaml/);
    const committed = fs.readFileSync(path.resolve(__dirname, '../../../docs/events/asyncapi.yaml'), 'utf8');
    expect(parse(res.text)).toEqual(parse(committed));
    expect(parse(res.text).asyncapi).toBe('3.0.0');
  });
});
