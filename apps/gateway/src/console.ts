import { INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'fs';
import * as path from 'path';

export const CONSOLE_PREFIX = '/console';

/**
 * Where `npm run console:build` puts the web console: `dist/console`, found from
 * the compiled gateway (dist/apps/gateway/apps/gateway/src) or the working
 * directory; `CONSOLE_DIR` overrides both.
 */
export function consoleDir(): string | null {
  const candidates = [process.env.CONSOLE_DIR, path.resolve(__dirname, '../../../../../console'), path.resolve(process.cwd(), 'dist/console')];
  return candidates.find((dir): dir is string => !!dir && existsSync(path.join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the web console (管理控制台) under /console/, public like /docs: the
 * pages hold no data, every call they make goes to /api with the user's token.
 * Only /console/* and the bare root are touched, so /api, /docs, /health and
 * /metrics keep their routes.
 */
export function serveConsole(app: INestApplication): void {
  const logger = new Logger('Console');
  const dir = consoleDir();
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && (req.path === '/' || req.path === '')) return res.redirect(302, `${CONSOLE_PREFIX}/`);
    next();
  });
  if (!dir) {
    logger.warn('web console not built (npm run console:build); /console answers 503');
    app.use(CONSOLE_PREFIX, (_req: Request, res: Response) => {
      res.status(503).type('text/plain; charset=utf-8').send('管理控制台尚未构建：请先运行 npm run console:build');
    });
    return;
  }
  (app as NestExpressApplication).useStaticAssets(dir, {
    prefix: `${CONSOLE_PREFIX}/`,
    index: 'index.html',
    // Built assets carry a content hash in their names; index.html must always be fetched anew.
    setHeaders: (res, file) => res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
  });
  // Routes inside the console (a reload of /console/members) get the page; the page routes itself.
  app.use(CONSOLE_PREFIX, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (path.extname(req.path)) return res.status(404).type('text/plain; charset=utf-8').send('文件不存在');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
}
