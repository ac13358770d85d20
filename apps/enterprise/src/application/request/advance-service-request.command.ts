import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { ServiceRequestClosed, ServiceRequestFirstContacted, ServiceRequestInterimReplied, ServiceRequestRated } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, PendingEvent } from '@pb/messaging';
import { Clock, MultiLineText } from '@pb/platform';
import { decideClosure, decideFirstContact, decideInterimReply, decideRating, ServiceRequest } from '../../domain/request/service-request';
import { ServiceRequests } from '../../infrastructure/aggregates';

/** One lifecycle step of a request: 首次联系, 阶段答复, 办结 (with result) or 满意度评价. */
export type RequestStepInput =
  | { step: 'FIRST_CONTACT'; note: string }
  | { step: 'INTERIM_REPLY'; reply: string }
  | { step: 'CLOSE'; result: string }
  | { step: 'RATE'; satisfaction: number; comment: string | null };

export class AdvanceServiceRequest {
  constructor(
    readonly requestId: string,
    readonly input: RequestStepInput,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdvanceServiceRequest)
export class AdvanceServiceRequestHandler implements ICommandHandler<AdvanceServiceRequest, ServiceRequest> {
  constructor(
    @InjectAggregate(ServiceRequests) private readonly requests: AggregateRepository<ServiceRequest>,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, input, expectedVersion, context }: AdvanceServiceRequest): Promise<ServiceRequest> {
    const { state } = await this.requests.decideAndSave(
      requestId,
      (loaded): PendingEvent<never> => {
        const now = this.clock.now();
        switch (input.step) {
          case 'FIRST_CONTACT':
            return { definition: ServiceRequestFirstContacted, data: decideFirstContact(loaded.state, requestId, input.note, now) } as never;
          case 'INTERIM_REPLY':
            return { definition: ServiceRequestInterimReplied, data: decideInterimReply(loaded.state, requestId, input.reply, now) } as never;
          case 'CLOSE':
            return { definition: ServiceRequestClosed, data: decideClosure(loaded.state, requestId, input.result, now) } as never;
          case 'RATE':
            return { definition: ServiceRequestRated, data: decideRating(loaded.state, requestId, input.satisfaction, input.comment, now) } as never;
        }
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}

class VersionedDto {
  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}

export class FirstContactDto extends VersionedDto {
  @MultiLineText()
  @ApiProperty({ description: '联系情况' })
  @IsString({ message: 'note 须为字符串' })
  @Length(1, 1000, { message: 'note 长度须在 1 到 1000 之间' })
  note!: string;
}

export class InterimReplyDto extends VersionedDto {
  @MultiLineText()
  @ApiProperty({ description: '阶段性答复内容' })
  @IsString({ message: 'reply 须为字符串' })
  @Length(1, 2000, { message: 'reply 长度须在 1 到 2000 之间' })
  reply!: string;
}

export class CloseRequestDto extends VersionedDto {
  @MultiLineText()
  @ApiProperty({ description: '办理结果' })
  @IsString({ message: 'result 须为字符串' })
  @Length(1, 2000, { message: 'result 长度须在 1 到 2000 之间' })
  result!: string;
}

export class RateRequestDto extends VersionedDto {
  @ApiProperty({ description: '满意度（1-5）' })
  @IsInt({ message: 'satisfaction 须为 1 到 5 的整数' })
  @Min(1, { message: 'satisfaction 须为 1 到 5 的整数' })
  @Max(5, { message: 'satisfaction 须为 1 到 5 的整数' })
  satisfaction!: number;

  @MultiLineText()
  @ApiPropertyOptional({ description: '评价意见', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'comment 须为字符串' })
  @Length(1, 500, { message: 'comment 长度须在 1 到 500 之间' })
  comment?: string | null;
}
