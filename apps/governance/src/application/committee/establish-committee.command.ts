import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { CommitteeEstablished } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { Committee, decideCommittee } from '../../domain/committee/committee';
import { Committees } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, lengthMessage, OptionalId } from '../shared/common.dto';

/** 成立共治委员会 in a known zone. */
export class EstablishCommittee {
  constructor(
    readonly request: { committeeId: string; name: string; zoneId: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(EstablishCommittee)
export class EstablishCommitteeHandler implements ICommandHandler<EstablishCommittee, Committee> {
  constructor(
    @InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: EstablishCommittee): Promise<Committee> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const { state } = await this.committees.decideAndSave(
      request.committeeId,
      (loaded) => ({ definition: CommitteeEstablished, data: decideCommittee(loaded.state, zone, request) }),
      caller.context,
    );
    return state;
  }
}

export class EstablishCommitteeDto {
  @ApiPropertyOptional({ description: '委员会编号；不填则自动生成' }) @OptionalId() committeeId?: string;
  @ApiProperty({ description: '名称', example: '运河城共治委员会' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, lengthMessage('name', 1, 100)) name!: string;
  @ApiProperty({ description: '所在片区编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}
