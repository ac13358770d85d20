import { mkdtempSync, rmSync, statSync } from 'fs';
import { MongoClient } from 'mongodb';
import * as os from 'os';
import * as path from 'path';
import { freePort, REPO_ROOT, runNode } from '@pb/testing';

const INFRA = path.join(REPO_ROOT, 'scripts/infra.mjs');

const infra = (args: string[], env: Record<string, string>) => runNode([INFRA, ...args], env);

/**
 * A new user clones into a directory no one else may enter (a home of mode 700, a `mktemp -d`)
 * and starts the local database there. As root this is the case that failed: PostgreSQL refuses
 * to run as root, and the user it ran as instead could not reach the data folder.
 */
describe('the local database in a directory only its owner may enter', () => {
  const privateDir = mkdtempSync(path.join(os.tmpdir(), 'pb-private-'));
  const env = { PB_DATA_DIR: path.join(privateDir, '.data') };

  afterAll(async () => {
    await infra(['down'], env);
    rmSync(privateDir, { recursive: true, force: true });
  });

  it('starts, keeps a document and stops, without the user changing any permission', async () => {
    expect(statSync(privateDir).mode & 0o077).toBe(0);
    const port = await freePort();

    const up = await infra(['up', 'ferretdb'], { ...env, LOCAL_MONGO_PORT: String(port) });
    expect({ code: up.code, stderr: up.code === 0 ? '' : up.stderr }).toEqual({ code: 0, stderr: '' });
    expect(up.stdout.trim()).toBe(`MONGODB_URI=mongodb://127.0.0.1:${port}`);

    const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, { directConnection: true, serverSelectionTimeoutMS: 10_000 });
    try {
      const organizations = client.db('private_dir_check').collection('organizations');
      await organizations.insertOne({ _id: 'org-1' as never, name: '太白楼路商圈党委' });
      expect(await organizations.findOne({ _id: 'org-1' as never })).toEqual({ _id: 'org-1', name: '太白楼路商圈党委' });
    } finally {
      await client.close();
    }

    const down = await infra(['down'], env);
    expect(down.code).toBe(0);
    expect(down.stderr).toContain('ferretdb: stopped');
  }, 300_000);
});
