// Event types as analysts see them, read from the committed analyst schema files
// (libs/contracts/schemas/analyst/<context>/<Name>.v<N>.json): no build step needed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ANALYST_SCHEMAS = path.join(ROOT, 'libs/contracts/schemas/analyst');

export const CONTEXTS = ['membership', 'activities', 'governance', 'enterprise'];
export const analystTopicOf = (context) => `analyst.${context}.events`;

export function eventTypes() {
  const out = [];
  for (const context of CONTEXTS) {
    const dir = path.join(ANALYST_SCHEMAS, context);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const match = /^(.+)\.v(\d+)\.json$/.exec(file);
      const source = JSON.parse(fs.readFileSync(path.join(ROOT, 'libs/contracts/schemas', context, file), 'utf8'));
      out.push({
        type: `${context}.${match[1]}.v${match[2]}`,
        context,
        topic: analystTopicOf(context),
        description: source.description,
        fields: Object.keys(schema.properties ?? {}),
      });
    }
  }
  return out;
}
