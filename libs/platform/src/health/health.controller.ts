import { Public } from '../auth/auth.guard';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { KafkaHealthIndicator } from './kafka.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  /** The process is up; an orchestrator restarts it only when this fails. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Traffic may come: the database and the broker both answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.check(), () => this.kafka.check()]);
  }
}
