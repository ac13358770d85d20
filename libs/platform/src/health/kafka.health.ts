import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../kafka/kafka-client';
import { withTimeout } from './with-timeout';

const TIMEOUT_MS = 2000;

@Injectable()
export class KafkaHealthIndicator implements OnModuleDestroy {
  private admin?: Admin;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'kafka') {
    const indicator = this.indicators.check(key);
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await withTimeout(this.admin.connect().then(() => this.admin!.describeCluster()), TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      void admin?.disconnect().catch(() => undefined);
      return indicator.down({ message: (error as Error).message });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
