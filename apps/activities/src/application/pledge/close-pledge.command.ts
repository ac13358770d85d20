import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { PledgeFulfilled, PledgeLapsed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock, MultiLineText } from '@pb/platform';
import { decideFulfil, decideLapse, Pledge } from '../../domain/pledge/pledge';
import { Pledges } from '../../infrastructure/aggregates';

/** 践诺确认 / 标记未兑现 */
export class ClosePledge {
  constructor(
    readonly pledgeId: string,
    readonly outcome: 'FULFILLED' | 'LAPSED',
    readonly note: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ClosePledge)
export class ClosePledgeHandler implements ICommandHandler<ClosePledge, Pledge> {
  constructor(
    @InjectAggregate(Pledges) private readonly pledges: AggregateRepository<Pledge>,
    private readonly clock: Clock,
  ) {}

  async execute({ pledgeId, outcome, note, context }: ClosePledge): Promise<Pledge> {
    const { state } = await this.pledges.decideAndSave(
      pledgeId,
      (loaded) =>
        (outcome === 'FULFILLED'
          ? { definition: PledgeFulfilled, data: decideFulfil(loaded.state, pledgeId, note, this.clock.now()) }
          : { definition: PledgeLapsed, data: decideLapse(loaded.state, pledgeId, note, this.clock.now()) }) as never,
      context,
    );
    return state;
  }
}

export class NoteDto {
  @MultiLineText() @ApiProperty() @IsString({ message: 'note 须为文本' }) @Length(1, 500, { message: 'note 长度须在 1 到 500 之间' }) note!: string;
}
