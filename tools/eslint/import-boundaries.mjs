// ESLint rule `boundaries/paths`: the import boundaries that depend on where an
// imported file lies, which no-restricted-imports cannot see because it matches
// the specifier as written ('../../enterprise/src/x' from one app, '../enterprise/x'
// inside another). Every specifier that names a file of this repository (relative,
// root-relative through tsconfig's baseUrl such as 'apps/…', or a @pb/<lib> alias)
// is resolved to a path from the repository root and checked:
//   - an app never imports another app (apps/<a>/** → apps/<b>/**);
//   - a lib never imports an app (libs/** → apps/**);
//   - the layers of an app (apps/<app>/src/<layer>/, the table in docs/architecture.md):
//     domain/ reaches outside its own folder only through packages and @pb/ aliases,
//     which no-restricted-imports checks (so never ../../infrastructure, ../../app.module …);
//     infrastructure/ imports neither application/ nor interface/; interface/ imports no
//     infrastructure/ (a controller runs a query, it never reads a collection itself);
//     application/ imports no interface/.
// Package imports (kafkajs, @nestjs/*, mongoose …) are no-restricted-imports' job
// in eslint.config.mjs. Covers import/export … from, import(), require() and
// TypeScript's import x = require() / import('…') types, type-only imports included.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIB_ALIAS = /^@pb\/([a-z-]+)(\/.*)?$/;

/** A repository path ('apps/x/src/…', forward slashes) for a file, or null outside the repository. */
function repoPath(absolute) {
  const relative = path.relative(ROOT, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/** Where a specifier points inside the repository, or null for a package. */
function target(specifier, filename) {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return repoPath(path.resolve(path.dirname(filename), specifier));
  }
  if (path.isAbsolute(specifier)) return repoPath(specifier);
  const alias = LIB_ALIAS.exec(specifier);
  if (alias) return `libs/${alias[1]}/src${alias[2] ?? ''}`;
  if (/^(apps|libs)\//.test(specifier)) return specifier; // tsconfig's baseUrl is the root
  return null;
}

/** What part of the repository a path belongs to: an app and its layer (null outside the four), or a lib. */
function place(file) {
  const app = /^apps\/([^/]+)\/(.*)$/.exec(file);
  if (app) return { app: app[1], layer: /^src\/(domain|application|infrastructure|interface)(\/|$)/.exec(app[2])?.[1] ?? null };
  if (/^libs\//.test(file)) return { lib: true };
  return {};
}

/** Layers of the same app that a layer must not import (domain/ is checked on its own: it may import only itself). */
const FORBIDDEN_LAYERS = {
  infrastructure: { application: 'infrastructureUp', interface: 'infrastructureUp' },
  interface: { infrastructure: 'interfaceToInfrastructure' },
  application: { interface: 'applicationToInterface' },
};

/** @type {import('eslint').Rule.RuleModule} */
const paths = {
  meta: {
    type: 'problem',
    docs: { description: 'Import boundaries between apps, libs and the layers of an app (docs/architecture.md)' },
    schema: [],
    messages: {
      otherApp: "apps/{{from}} imports apps/{{to}} ('{{specifier}}'): apps share code only through libs/ and talk only through events.",
      libImportsApp: "A lib imports apps/{{to}} ('{{specifier}}'): libs/ is shared by the apps and never depends on one.",
      domainLeaves:
        "domain/ imports '{{specifier}}' ({{to}}), outside domain/: the domain layer is plain TypeScript and depends only on its own folder, @pb/contracts, @pb/platform/domain-error and @pb/platform/auth/actor.",
      infrastructureUp:
        "infrastructure/ imports '{{specifier}}' ({{to}}): infrastructure is what application/ builds on (aggregates, schemas, stores, adapters), so it never imports application/ or interface/; move what both need into infrastructure/ or domain/.",
      interfaceToInfrastructure:
        "interface/ imports '{{specifier}}' ({{to}}): a controller, job or event handler runs the application's commands and queries and never reaches a collection or store itself; put the read in a query (or an application service) in application/.",
      applicationToInterface: "application/ imports '{{specifier}}' ({{to}}): interface/ calls the application, never the other way round.",
    },
  },
  create(context) {
    const file = repoPath(path.resolve(context.cwd, context.filename));
    if (!file) return {};
    const from = place(file);
    if (!from.app && !from.lib) return {};

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const to = target(specifier, path.resolve(ROOT, file));
      if (!to) return;
      const where = place(to);
      if (from.lib && where.app) {
        context.report({ node, messageId: 'libImportsApp', data: { to: where.app, specifier } });
      } else if (from.app && where.app && where.app !== from.app) {
        context.report({ node, messageId: 'otherApp', data: { from: from.app, to: where.app, specifier } });
      } else if (from.layer === 'domain' && !(where.app === from.app && where.layer === 'domain') && !specifier.startsWith('@pb/')) {
        context.report({ node, messageId: 'domainLeaves', data: { specifier, to } });
      } else if (from.app && where.app === from.app && FORBIDDEN_LAYERS[from.layer]?.[where.layer]) {
        context.report({ node, messageId: FORBIDDEN_LAYERS[from.layer][where.layer], data: { specifier, to } });
      }
    }
    const source = (node) => {
      if (node.source?.type === 'Literal') check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression: source,
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal') check(first, first.value);
      },
      TSImportEqualsDeclaration(node) {
        const ref = node.moduleReference;
        if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') check(ref.expression, ref.expression.value);
      },
      TSImportType(node) {
        // typescript-estree 8: `argument` is a TSLiteralType wrapping the string literal.
        const literal = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
    };
  },
};

export default { meta: { name: 'boundaries' }, rules: { paths } };
