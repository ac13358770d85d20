import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from 'mongoose';
import { withTimeout } from './with-timeout';

const TIMEOUT_MS = 2000;

/**
 * Asks the database itself (a `ping` command through the app's own
 * connection pool). Mongoose's `readyState`, which terminus's indicator reads,
 * follows the driver's server monitoring rather than whether commands succeed;
 * readiness must say what requests would meet.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'database') {
    const indicator = this.indicators.check(key);
    try {
      if (!this.connection.db) throw new Error('not connected yet');
      await withTimeout(this.connection.db.command({ ping: 1 }), TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
