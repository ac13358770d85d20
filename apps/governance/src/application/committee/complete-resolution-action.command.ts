import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ResolutionActionCompleted } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock, DomainError, MultiLineText } from '@pb/platform';
import { decideActionCompleted, Resolution } from '../../domain/committee/committee';
import { Resolutions } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { lengthMessage } from '../shared/common.dto';

/** 跟进事项办结 */
export class CompleteResolutionAction {
  constructor(
    readonly request: { resolutionId: string; actionId: string; outcome: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(CompleteResolutionAction)
export class CompleteResolutionActionHandler implements ICommandHandler<CompleteResolutionAction, Resolution> {
  constructor(
    @InjectAggregate(Resolutions) private readonly resolutions: AggregateRepository<Resolution>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: CompleteResolutionAction): Promise<Resolution> {
    const { state } = await this.resolutions.decideAndSave(
      request.resolutionId,
      (loaded) => {
        if (!loaded.state) throw new DomainError('not_found', 'RESOLUTION_NOT_FOUND', `决议 ${request.resolutionId} 不存在`, { resolutionId: request.resolutionId });
        assertInScope(caller.actor, loaded.state, '该决议');
        return { definition: ResolutionActionCompleted, data: decideActionCompleted(loaded.state, request, this.clock.now()) };
      },
      caller.context,
    );
    return state;
  }
}

export class CompleteActionDto {
  @MultiLineText() @ApiProperty({ description: '办理结果' }) @IsString({ message: 'outcome 须为字符串' }) @Length(1, 1000, lengthMessage('outcome', 1, 1000)) outcome!: string;
}
