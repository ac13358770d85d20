import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PledgeMade, PledgeMadeData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock, MultiLineText } from '@pb/platform';
import { decidePledge, Pledge } from '../../domain/pledge/pledge';
import { Pledges } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 作承诺 */
export class MakePledge {
  constructor(
    readonly data: PledgeMadeData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(MakePledge)
export class MakePledgeHandler implements ICommandHandler<MakePledge, Pledge> {
  constructor(
    @InjectAggregate(Pledges) private readonly pledges: AggregateRepository<Pledge>,
    private readonly clock: Clock,
  ) {}

  async execute({ data, context }: MakePledge): Promise<Pledge> {
    const { state } = await this.pledges.decideAndSave(data.pledgeId, (loaded) => ({ definition: PledgeMade, data: decidePledge(loaded.state, data, this.clock.now()) }), context);
    return state;
  }
}

export class MakePledgeDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) pledgeId?: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId!: string;
  @MultiLineText() @ApiProperty() @IsString({ message: 'content 须为文本' }) @Length(1, 500, { message: 'content 长度须在 1 到 500 之间' }) content!: string;
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'dueOn 须为日期 YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn 须为日期 YYYY-MM-DD' }) dueOn!: string;
}
