import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { createHash } from 'crypto';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { ServiceRequest } from '../../domain/request/service-request';
import { findIssue, requireServiceDay, ServiceDay } from '../../domain/service-day/service-day';
import { ServiceDays } from '../../infrastructure/aggregates';
import { SubmitServiceRequest } from '../request/submit-service-request.command';
import { text } from '../shared/common.dto';

export class ConvertIssueToRequest {
  constructor(
    readonly serviceDayId: string,
    readonly issueId: string,
    readonly title: string,
    readonly context: CommandContext,
  ) {}
}

/** The same issue always becomes the same request id, so converting twice is a 409, never a second request. */
export function requestIdForIssue(serviceDayId: string, issueId: string): string {
  return `req-sd-${createHash('sha256').update(`${serviceDayId}\u0000${issueId}`).digest('hex').slice(0, 24)}`;
}

/**
 * 问题转诉求: reads the service day and submits a service request carrying the
 * issue as its origin; the only write is the request's first event.
 */
@CommandHandler(ConvertIssueToRequest)
export class ConvertIssueToRequestHandler implements ICommandHandler<ConvertIssueToRequest, ServiceRequest> {
  constructor(
    @InjectAggregate(ServiceDays) private readonly days: AggregateRepository<ServiceDay>,
    private readonly commands: CommandBus,
  ) {}

  async execute({ serviceDayId, issueId, title, context }: ConvertIssueToRequest): Promise<ServiceRequest> {
    const day = requireServiceDay((await this.days.load(serviceDayId)).state, serviceDayId);
    const issue = findIssue(day, issueId);
    return this.commands.execute(
      new SubmitServiceRequest(requestIdForIssue(serviceDayId, issueId), issue.creditCode, issue.category, title, issue.description, { serviceDayId, issueId }, context),
    );
  }
}

export class ConvertIssueDto {
  @ApiProperty({ description: '诉求标题' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 100, text('title', 100)) title!: string;
}
