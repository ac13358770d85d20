import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor } from '@pb/platform';
import { LiveFeed } from '../../application/live/live-feed';
import { audiencesOf } from '../../domain/notification';

/** What may wait unsent for one stream. */
const MAX_BUFFERED_BYTES = 1_000_000;

/**
 * `GET /notifications/stream` 实时推送: server-sent events for the caller's own notifications —
 * `event: notification` with an item as the list shows it, `event: closed` with `{ id }` when one of
 * their to-dos is done — and a heartbeat comment every 15 s. Through the gateway as
 * `/api/notifications/stream` (the gateway passes the stream on unbuffered).
 */
@ApiTags('notifications 待办与通知')
@Controller('notifications')
export class StreamController {
  constructor(private readonly feed: LiveFeed) {}

  @Get('stream')
  @ApiProduces('text/event-stream')
  stream(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): void {
    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache, no-transform');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    // How long an EventSource waits before it connects again after the stream ends.
    res.write('retry: 5000\n\n');
    const close = this.feed.open({
      audiences: new Set(audiencesOf(actor)),
      // A reader that does not keep up is let go rather than buffered for without end (it
      // connects again and reloads its list).
      write: (frame) => (res.writableLength > MAX_BUFFERED_BYTES ? res.destroy() : void res.write(frame)),
      end: () => res.end(),
    });
    // The browser (or the gateway for it) left, or the stream ended: nothing is kept for it. (The
    // response's close, not the request's: that one may come as soon as the request is read.)
    res.on('close', close);
    req.socket.setTimeout(0);
  }
}
