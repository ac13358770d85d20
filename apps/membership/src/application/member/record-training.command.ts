import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DevelopmentTrainingCompleted } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideTraining, Member } from '../../domain/member/member';
import { ExpectedVersionDto } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 集中培训: a development target completed the concentrated training (hours or certificate). */
export class RecordTraining {
  constructor(
    readonly memberId: string,
    readonly request: { completedOn: string; hours: number | null; certificateId: string | null },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordTraining)
export class RecordTrainingHandler implements ICommandHandler<RecordTraining, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: RecordTraining): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      ({ member, today }) =>
        ({
          definition: DevelopmentTrainingCompleted,
          data: decideTraining(member, memberId, request, today),
        }) as PendingEvent<never>,
    );
  }
}

export class RecordTrainingDto extends ExpectedVersionDto {
  @ApiProperty({ description: '结业日期', example: '2026-05-10' })
  @IsString({ message: 'completedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  completedOn!: string;

  @ApiPropertyOptional({ description: '培训学时（不少于 24；有结业证书编号时可不填）', example: 24 })
  @IsOptional()
  @IsInt({ message: 'hours 须为整数' })
  @Min(1, { message: 'hours 不能小于 1' })
  @Max(1000, { message: 'hours 不能大于 1000' })
  hours?: number;

  @ApiPropertyOptional({ description: '结业证书编号（未填学时时必填）' })
  @IsOptional()
  @IsString({ message: 'certificateId 须为字符串' })
  @Length(1, 64, { message: 'certificateId 长度须在 1 到 64 之间' })
  certificateId?: string;
}
