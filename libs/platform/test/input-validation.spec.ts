import { Body, Controller, Get, INestApplication, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { InputValidationPipe } from '../src/http/input-validation.pipe';
import { MultiLineText, textProblem } from '../src/http/plain-text';
import { ProblemFilter } from '../src/http/problem.filter';

class FilterDto {
  @IsOptional() @IsString() @Length(1, 50) name?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

class StepDto {
  @IsString() @Length(1, 50) title!: string;
  @MultiLineText() @IsString() @Length(1, 2000) note!: string;
}

class ReportDto {
  @IsString() @Length(1, 100) title!: string;
  @MultiLineText() @IsString() @Length(1, 2000) description!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => StepDto) steps?: StepDto[];
}

/** Remembers what reached a handler: nothing refused may. */
const reached: unknown[] = [];

@Controller()
class ProbeController {
  @Get('records')
  list(@Query() q: FilterDto) {
    reached.push(q);
    return { ok: true };
  }

  /** Changes the query it was given: the next caller of the same query must not see that. */
  @Get('records-changed')
  listAndChange(@Query() q: FilterDto) {
    reached.push({ ...q });
    q.name = '被改动';
    q.limit = -1;
    return { ok: true };
  }

  @Get('records/:recordId')
  get(@Param('recordId') id: string) {
    reached.push(id);
    return { id };
  }

  @Post('reports')
  report(@Body() dto: ReportDto) {
    reached.push(dto);
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** The validation every app runs (createServiceApp): control characters and broken UTF-8 are a 400 naming the field. */
describe('InputValidationPipe', () => {
  let app: INestApplication;
  const server = () => app.getHttpServer() as never;
  const good = { title: '路灯不亮', description: '商圈北口路灯不亮' };

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    app.useGlobalPipes(new InputValidationPipe());
    app.useGlobalFilters(new ProblemFilter());
    await app.listen(0, '127.0.0.1');
  });

  afterAll(() => app.close());
  beforeEach(() => (reached.length = 0));

  const refused = (res: request.Response, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} `))]));
    expect(reached).toEqual([]);
  };

  it('refuses a NUL byte, DEL and C1 controls in a query parameter, naming it', async () => {
    for (const raw of ['%00', 'a%7Fb', '%C2%85', '%C2%9B31m']) refused(await request(server()).get(`/records?name=${raw}`), 'name');
    const ok = await request(server()).get(`/records?name=${encodeURIComponent('太白楼路 💥 (A&B)')}&limit=5`);
    expect(ok.status).toBe(200);
  });

  it('refuses bytes that are not UTF-8 in a query (decoded as U+FFFD) and a query parameter named with a control character', async () => {
    refused(await request(server()).get('/records?name=%FF%FE'), 'name');
    refused(await request(server()).get('/records?name=%ED%A0%80'), 'name');
    const res = await request(server()).get('/records?na%00me=x');
    expect(res.status).toBe(400);
    expect(res.body.message.join()).toContain('字段名');
  });

  it('refuses a control character in a path parameter', async () => {
    refused(await request(server()).get('/records/abc%00'), 'recordId');
    refused(await request(server()).get('/records/a%0Ab'), 'recordId');
    expect((await request(server()).get('/records/abc-1')).status).toBe(200);
    // Bytes that are not UTF-8 in the path: the router cannot decode it; still a 400, not a 500.
    expect((await request(server()).get('/records/%FF')).status).toBe(400);
  });

  it('refuses control characters and lone surrogates in a body, at any depth, naming the field', async () => {
    refused(
      await request(server())
        .post('/reports')
        .send({ ...good, title: 'a\u0000b' }),
      'title',
    );
    refused(
      await request(server())
        .post('/reports')
        .send({ ...good, tags: ['ok', 'x\u001b[31m'] }),
      'tags[1]',
    );
    refused(
      await request(server())
        .post('/reports')
        .send({ ...good, steps: [{ title: 'a', note: 'b\u0007' }] }),
      'steps[0].note',
    );
    // A JSON escape of half a surrogate pair: not text.
    const lone = await request(server()).post('/reports').set('content-type', 'application/json').send('{"title":"a\\ud800","description":"x"}');
    refused(lone, 'title');
  });

  it('refuses a body that is not UTF-8 (its bytes decoded as U+FFFD)', async () => {
    const bytes = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('","description":"x"}')]); // 你好 in GBK
    // Sent as they are (supertest would serialize a Buffer as JSON).
    const { port } = (app.getHttpServer() as { address: () => { port: number } }).address();
    const res = await fetch(`http://127.0.0.1:${port}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 400, body: expect.objectContaining({ message: ['title 含有无效字符：须为 UTF-8 编码的文本'] }) });
    expect(reached).toEqual([]);
  });

  it('takes tab and line breaks only in a multi-line text field', async () => {
    refused(
      await request(server())
        .post('/reports')
        .send({ ...good, title: '第一行\n第二行' }),
      'title',
    );
    refused(
      await request(server())
        .post('/reports')
        .send({ ...good, steps: [{ title: 'a\tb', note: 'x' }] }),
      'steps[0].title',
    );
    const ok = await request(server())
      .post('/reports')
      .send({ ...good, description: '第一行\r\n第二行\n\t缩进', steps: [{ title: 'a', note: '一\n二' }] });
    expect(ok.status).toBe(201);
    expect(reached).toHaveLength(1);
    // Still no other control character there.
    reached.length = 0;
    refused(
      await request(server())
        .post('/reports')
        .send({ ...good, description: '第一行\n\u0000' }),
      'description',
    );
  });

  it('still answers the DTO rules as before', async () => {
    const res = await request(server()).get('/records?limit=x');
    expect(res.status).toBe(400);
    const extra = await request(server())
      .post('/reports')
      .send({ ...good, admin: true });
    expect(extra.status).toBe(400);
  });

  it('remembers a query that passed, and still refuses every bad one with the same 400', async () => {
    const bad = async (query: string) => {
      const res = await request(server()).get(`/records?${query}`);
      expect(res.status).toBe(400);
      return res.body.message as string[];
    };
    // Refused before a good query of the same fields, and again after it: the same words each time.
    const before = await bad('name=a&limit=500');
    for (let i = 0; i < 3; i++) expect((await request(server()).get('/records?name=a&limit=5')).status).toBe(200);
    expect(await bad('name=a&limit=500')).toEqual(before);
    expect(before.join()).toContain('limit');
    // A field added to the remembered query, a control character in it, a value of the wrong type.
    expect((await bad('name=a&limit=5&admin=1')).join()).toContain('admin');
    expect((await bad('name=a%00&limit=5')).join()).toMatch(/^name /);
    expect((await bad('name=a&limit=x')).join()).toContain('limit');
    expect(reached).toEqual([
      { name: 'a', limit: 5 },
      { name: 'a', limit: 5 },
      { name: 'a', limit: 5 },
    ]);
    expect(reached.every((q) => q instanceof FilterDto)).toBe(true);
  });

  it('gives each caller of a remembered query a DTO of its own', async () => {
    for (let i = 0; i < 3; i++) expect((await request(server()).get('/records-changed?name=b&limit=7')).status).toBe(200);
    expect(reached).toEqual([
      { name: 'b', limit: 7 },
      { name: 'b', limit: 7 },
      { name: 'b', limit: 7 },
    ]);
  });

  it('says what is wrong in the words of the other messages', () => {
    expect(textProblem('a\u0000')).toBe('不能包含控制字符（U+0000）');
    expect(textProblem('a\u009b')).toBe('不能包含控制字符（U+009B）');
    expect(textProblem('\udc00')).toBe('含有无效字符：须为 UTF-8 编码的文本');
    expect(textProblem('𠀋😀')).toBeNull();
    expect(textProblem('a\nb', true)).toBeNull();
  });
});
