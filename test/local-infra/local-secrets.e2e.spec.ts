import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { MongoClient } from 'mongodb';
import { connect } from 'net';
import * as os from 'os';
import * as path from 'path';
import { freePort, REPO_ROOT, runNode } from '@pb/testing';

const INFRA = path.join(REPO_ROOT, 'scripts/infra.mjs');
const SECRETS = path.join(REPO_ROOT, 'scripts/lib/secrets.mjs');

/** What the launcher does with a data folder's secrets file (scripts/lib/secrets.mjs), in a process of its own. */
const localSecrets = (dataDir: string) =>
  runNode(['--input-type=module', '-e', `import { localSecrets } from ${JSON.stringify(SECRETS)}; localSecrets(${JSON.stringify(dataDir)});`], {});

const modeOf = (file: string) => statSync(file).mode & 0o777;

/**
 * The first message a PostgreSQL server sends a client that asks to connect as `postgres`: the
 * authentication it requires (0 would be "in, no password": `trust`; 10 is SASL, i.e. SCRAM).
 */
function authenticationAsked(port: number): Promise<{ code: number; mechanisms: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    socket.once('connect', () => socket.write(Buffer.concat([startup, params])));
    socket.once('data', (d: Buffer) => {
      socket.destroy();
      if (d[0] !== 'R'.charCodeAt(0)) return reject(new Error(`PostgreSQL answered ${String.fromCharCode(d[0])}: ${d.toString('latin1')}`));
      resolve({ code: d.readInt32BE(5), mechanisms: d.subarray(9).toString('latin1').replace(/\0+/g, ' ').trim() });
    });
    socket.once('error', reject);
  });
}

describe('local secrets file and data folder', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pb-secrets-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the secrets file readable by its owner only, also when it was readable by others before a write', async () => {
    const dataDir = path.join(root, 'reused');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    // A file from an earlier version (one shared internal-token key, no PostgreSQL password), left readable by everyone.
    const file = path.join(dataDir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ JWT_SECRET: 'kept-as-it-was-8d3f0a5c1e7b49a2b6c4d8e0f1a2b3c4' }), { mode: 0o644 });
    chmodSync(file, 0o644);

    const first = await localSecrets(dataDir);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(dataDir)).toBe(0o700);
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(secrets.JWT_SECRET).toBe('kept-as-it-was-8d3f0a5c1e7b49a2b6c4d8e0f1a2b3c4');
    expect(secrets.POSTGRES_PASSWORD).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(
      Object.keys(secrets)
        .filter((k) => k.startsWith('INTERNAL_TOKEN_SECRET'))
        .sort(),
    ).toEqual(['ACTIVITIES', 'ENTERPRISE', 'GOVERNANCE', 'MEMBERSHIP', 'NOTIFICATIONS'].map((s) => `INTERNAL_TOKEN_SECRET_${s}`));

    // Loosened by hand (or by a copy), with nothing to add: the next read tightens it again.
    chmodSync(file, 0o644);
    expect(await localSecrets(dataDir)).toMatchObject({ code: 0 });
    expect(modeOf(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);
  });
});

/**
 * The local database as `npm start` and `npm test` run it, in a data folder and on a port of the
 * test's own: PostgreSQL takes password logins only, with the password from the secrets file.
 */
describe('the local PostgreSQL behind FerretDB', () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'pb-pg-'));
  const dataDir = path.join(parent, '.data');
  const env = { PB_DATA_DIR: dataDir };

  afterAll(async () => {
    await runNode([INFRA, 'down'], env);
    rmSync(parent, { recursive: true, force: true });
  });

  it('asks for the password (SCRAM), admits FerretDB with the one in the secrets file, and keeps the data folder private', async () => {
    // A data folder made readable by others (as `mkdir .data` with a usual umask makes it).
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const up = await runNode([INFRA, 'up', 'ferretdb'], { ...env, LOCAL_MONGO_PORT: String(port) });
    expect({ code: up.code, stderr: up.code === 0 ? '' : up.stderr }).toEqual({ code: 0, stderr: '' });

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'secrets.json'))).toBe(0o600);
    const { POSTGRES_PASSWORD } = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(POSTGRES_PASSWORD).toBeTruthy();

    // FerretDB got in (with the password): a document is kept.
    const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, { directConnection: true, serverSelectionTimeoutMS: 10_000 });
    try {
      const organizations = client.db('password_check').collection('organizations');
      await organizations.insertOne({ _id: 'org-1' as never, name: '太白楼路商圈党委' });
      expect(await organizations.findOne({ _id: 'org-1' as never })).toEqual({ _id: 'org-1', name: '太白楼路商圈党委' });
    } finally {
      await client.close();
    }

    // Anyone else connecting to PostgreSQL is asked for the password, not let in.
    const log = readFileSync(path.join(dataDir, 'ferretdb/logs/stderr.log'), 'utf8');
    const pgPort = Number([...log.matchAll(/PostgreSQL on 127\.0\.0\.1:(\d+)/g)].pop()?.[1]);
    expect(pgPort).toBeGreaterThan(0);
    expect(await authenticationAsked(pgPort)).toEqual({ code: 10, mechanisms: expect.stringContaining('SCRAM-SHA-256') });
    const hba = readFileSync(path.join(dataDir, 'ferretdb/pg/pg_hba.conf'), 'utf8');
    expect(hba).not.toMatch(/^\s*(local|host)\S*\s.*\btrust\b/m);
    // The password is in no command line (`ps` shows those to every user).
    const pid = (JSON.parse(readFileSync(path.join(dataDir, 'ferretdb.pid.json'), 'utf8')) as { command: string[] }).command.join(' ');
    expect(pid).not.toContain(POSTGRES_PASSWORD);
    expect(log).not.toContain(POSTGRES_PASSWORD);

    const down = await runNode([INFRA, 'down'], env);
    expect(down.code).toBe(0);
  }, 600_000);
});
