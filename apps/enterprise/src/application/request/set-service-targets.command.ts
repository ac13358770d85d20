import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceTargetsSet } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideServiceTargets, SERVICE_TARGETS_ID, ServiceTargets } from '../../domain/request/service-targets';
import { ServiceTargetsSettings } from '../../infrastructure/aggregates';
import { DATE_PATTERN } from '../shared/common.dto';

export class SetServiceTargets {
  constructor(
    readonly targets: ServiceTargets,
    readonly context: CommandContext,
  ) {}
}

/** 调整办理时限与节假日: applies to requests submitted afterwards. */
@CommandHandler(SetServiceTargets)
export class SetServiceTargetsHandler implements ICommandHandler<SetServiceTargets, ServiceTargets> {
  constructor(@InjectAggregate(ServiceTargetsSettings) private readonly repository: AggregateRepository<ServiceTargets>) {}

  async execute({ targets, context }: SetServiceTargets): Promise<ServiceTargets> {
    const { state } = await this.repository.decideAndSave(
      SERVICE_TARGETS_ID,
      (loaded) => ({ definition: ServiceTargetsSet, data: decideServiceTargets(loaded.state, targets) }),
      context,
    );
    return state;
  }
}

export class SetServiceTargetsDto {
  @ApiProperty({ description: '首次联系时限（分钟）', example: 60 })
  @IsInt({ message: 'firstContactMinutes 须为整数' })
  @Min(1, { message: 'firstContactMinutes 不能小于 1' })
  @Max(10080, { message: 'firstContactMinutes 不能超过 10080（7 天）' })
  firstContactMinutes!: number;

  @ApiProperty({ description: '阶段答复时限（工作日）', example: 3 })
  @IsInt({ message: 'interimReplyWorkingDays 须为整数' })
  @Min(1, { message: 'interimReplyWorkingDays 不能小于 1' })
  @Max(60, { message: 'interimReplyWorkingDays 不能超过 60' })
  interimReplyWorkingDays!: number;

  @ApiProperty({ description: '办结时限（工作日）', example: 5 })
  @IsInt({ message: 'closureWorkingDays 须为整数' })
  @Min(1, { message: 'closureWorkingDays 不能小于 1' })
  @Max(120, { message: 'closureWorkingDays 不能超过 120' })
  closureWorkingDays!: number;

  @ApiPropertyOptional({ description: '法定节假日（YYYY-MM-DD），不计入工作日', example: ['2026-05-01'] })
  @IsOptional()
  @IsArray({ message: 'holidays 须为数组' })
  @ArrayMaxSize(100, { message: 'holidays 最多 100 天' })
  @Matches(DATE_PATTERN, { each: true, message: 'holidays 的每一项须为 YYYY-MM-DD 格式的日期' })
  holidays?: string[];
}
