/**
 * Offline checks of the analysts' Kafka access (deploy/kafka): analysts read analyst.* topics
 * with their own group prefix and nothing else; the script and the Strimzi users agree.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
type Acl = { resource: { type: string; name: string; patternType: string }; operations: string[] };
const users = parseAllDocuments(fs.readFileSync(path.join(ROOT, 'deploy/kafka/analyst-users.strimzi.yaml'), 'utf8')).map((d) => {
  expect(d.errors).toEqual([]);
  return d.toJS() as { kind: string; metadata: { name: string }; spec: { authentication: { type: string }; authorization: { acls: Acl[] } } };
});
const script = fs.readFileSync(path.join(ROOT, 'deploy/kafka/analyst-acls.sh'), 'utf8');

describe('analyst access (deploy/kafka)', () => {
  it('gives an analyst read access to analyst.* topics and its own groups only, over SCRAM', () => {
    const analysts = users.filter((u) => u.metadata.name.startsWith('analyst-') && u.metadata.name !== 'analyst-streams');
    expect(analysts.length).toBeGreaterThan(0);
    for (const user of analysts) {
      expect(user.kind).toBe('KafkaUser');
      expect(user.spec.authentication.type).toBe('scram-sha-512');
      for (const acl of user.spec.authorization.acls) {
        if (acl.resource.type === 'topic') {
          expect(acl.resource).toEqual({ type: 'topic', name: 'analyst.', patternType: 'prefix' });
          expect(acl.operations.sort()).toEqual(['Describe', 'Read']);
        } else {
          expect(acl.resource).toEqual({ type: 'group', name: `${user.metadata.name}-`, patternType: 'prefix' });
          expect(acl.operations).not.toContain('Write');
        }
      }
    }
  });

  it('lets analyst-streams read the context topics and write only analyst.* and dead letters', () => {
    const app = users.find((u) => u.metadata.name === 'analyst-streams')!;
    for (const acl of app.spec.authorization.acls.filter((a) => a.resource.type === 'topic' && a.operations.includes('Write'))) {
      expect(acl.resource.name === 'analyst.' || acl.resource.name.endsWith('.events.dlq')).toBe(true);
    }
    const read = app.spec.authorization.acls.filter((a) => a.resource.type === 'topic' && a.operations.includes('Read')).map((a) => a.resource.name);
    expect(read.sort()).toEqual(['activities.events', 'enterprise.events', 'governance.events', 'membership.events']);
  });

  it('grants the same in the shell script', () => {
    expect(script).toMatch(/--operation Read --operation Describe \\\n\s+--resource-pattern-type prefixed --topic "\$\{TOPIC_PREFIX\}analyst\."/);
    expect(script).toMatch(/--resource-pattern-type prefixed --group "analyst-\$name-"/);
    expect(script).not.toMatch(/User:analyst-\$name" --operation Write/);
  });
});
