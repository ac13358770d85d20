#!/usr/bin/env node
// The HTTP baseline: a minimal Nest app on the same framework and adapter as
// the platform (@nestjs/core + platform-express), no database, no auth, no
// logging. GET /bare answers a small JSON object; POST /bare echoes an id.
//   PORT=31110 node bench/bare-app.mjs
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class BareController {
  get() {
    return { ok: true, at: Date.now() };
  }
  post(body) {
    return { ok: true, id: body?.memberId ?? null };
  }
}
// Plain JavaScript: the decorators are applied by hand.
const method = (name) => Object.getOwnPropertyDescriptor(BareController.prototype, name);
Get('bare')(BareController.prototype, 'get', method('get'));
Post('bare')(BareController.prototype, 'post', method('post'));
HttpCode(201)(BareController.prototype, 'post', method('post'));
Body()(BareController.prototype, 'post', 0);
Controller()(BareController);

class BareModule {}
Module({ controllers: [BareController] })(BareModule);

const app = await NestFactory.create(BareModule, { logger: false });
await app.listen(Number(process.env.PORT ?? 31110), '127.0.0.1');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
