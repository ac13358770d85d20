import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

const TIMEOUT_MS = 2000;

/**
 * What readiness asks of the message broker. `@pb/messaging` provides it (its broker adapter), so
 * the platform knows no broker client.
 */
export abstract class BrokerReadiness {
  /** Resolves when the broker answers within `timeoutMs`, rejects with the reason otherwise. */
  abstract ping(timeoutMs: number): Promise<void>;
}

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly broker: BrokerReadiness,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'kafka') {
    const indicator = this.indicators.check(key);
    try {
      await this.broker.ping(TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
