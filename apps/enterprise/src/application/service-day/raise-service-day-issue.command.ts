import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { REQUEST_CATEGORIES, RequestCategory, ServiceDayIssueRaised } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideIssue, ServiceDay } from '../../domain/service-day/service-day';
import { Enterprises, ServiceDays } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, IsCreditCode, text } from '../shared/common.dto';

export class RaiseServiceDayIssue {
  constructor(
    readonly serviceDayId: string,
    readonly issue: { issueId: string; creditCode: string; category: RequestCategory; description: string },
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

/** 登记上门服务中企业提出的问题 */
@CommandHandler(RaiseServiceDayIssue)
export class RaiseServiceDayIssueHandler implements ICommandHandler<RaiseServiceDayIssue, ServiceDay> {
  constructor(
    @InjectAggregate(ServiceDays) private readonly days: AggregateRepository<ServiceDay>,
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
  ) {}

  async execute({ serviceDayId, issue, expectedVersion, context }: RaiseServiceDayIssue): Promise<ServiceDay> {
    const enterprise = (await this.enterprises.load(issue.creditCode)).state;
    const { state } = await this.days.decideAndSave(
      serviceDayId,
      (loaded) => ({ definition: ServiceDayIssueRaised, data: decideIssue(loaded.state, enterprise, { ...issue, serviceDayId }) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class RaiseIssueDto {
  @ApiProperty({ example: 'issue-1' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) issueId!: string;
  @ApiProperty() @IsCreditCode() creditCode!: string;
  @ApiProperty({ enum: REQUEST_CATEGORIES })
  @IsIn(REQUEST_CATEGORIES, { message: `category 必须是以下之一：${REQUEST_CATEGORIES.join(', ')}` })
  category!: RequestCategory;
  @MultiLineText() @ApiProperty() @IsString({ message: 'description 须为字符串' }) @Length(1, 2000, text('description', 2000)) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'expectedVersion 须为整数' }) @Min(1) expectedVersion?: number;
}
