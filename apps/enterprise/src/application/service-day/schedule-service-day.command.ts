import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { Department, DEPARTMENTS, SERVICE_DAY_KINDS, ServiceDayKind, ServiceDayScheduled } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideServiceDaySchedule, ServiceDay } from '../../domain/service-day/service-day';
import { ServiceDays } from '../../infrastructure/aggregates';
import { DATE_MESSAGE, DATE_PATTERN, DEPARTMENT_MESSAGE, ID_MESSAGE, ID_PATTERN, text } from '../shared/common.dto';

export class ScheduleServiceDay {
  constructor(
    readonly request: { serviceDayId: string; department: Department; kind: ServiceDayKind; title: string; date: string; zoneId: string },
    readonly context: CommandContext,
  ) {}
}

/** 安排上门服务日 (或银企对接会) */
@CommandHandler(ScheduleServiceDay)
export class ScheduleServiceDayHandler implements ICommandHandler<ScheduleServiceDay, ServiceDay> {
  constructor(
    @InjectAggregate(ServiceDays) private readonly days: AggregateRepository<ServiceDay>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: ScheduleServiceDay): Promise<ServiceDay> {
    const zone = await this.membership.zone(request.zoneId);
    const { state } = await this.days.decideAndSave(
      request.serviceDayId,
      (loaded) => ({ definition: ServiceDayScheduled, data: decideServiceDaySchedule(loaded.state, zone, request) }),
      context,
    );
    return state;
  }
}

// 上门服务日
export class ScheduleServiceDayDto {
  @ApiProperty({ description: '服务日编号', example: 'sd-haineng-tax-01' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) serviceDayId!: string;
  @ApiProperty({ enum: DEPARTMENTS }) @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department!: Department;
  @ApiProperty({ enum: SERVICE_DAY_KINDS, description: 'ON_SITE 上门服务 / MATCHMAKING 银企对接会' })
  @IsIn(SERVICE_DAY_KINDS, { message: `kind 必须是以下之一：${SERVICE_DAY_KINDS.join(', ')}` })
  kind!: ServiceDayKind;
  @ApiProperty() @IsString({ message: 'title 须为字符串' }) @Length(1, 100, text('title', 100)) title!: string;
  @ApiProperty({ example: '2026-04-08' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) date!: string;
  @ApiProperty({ example: 'zone-haineng' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}
