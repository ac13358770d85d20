// The web console (管理控制台): React 19 + ECharts, built by Vite into dist/console,
// which the gateway serves at /console/. `npm run console:build` builds it; during
// development `npx vite -c apps/gateway/console/vite.config.mjs` serves it with /api
// passed on to a gateway on port 3000.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/console/',
  // Vite's own transform compiles the JSX (no React plugin: no fast refresh, which a console does not need).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(here, '../../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
