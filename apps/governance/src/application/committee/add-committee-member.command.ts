import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { COMMITTEE_PARTIES, CommitteeMemberJoined, CommitteeMemberJoinedData, CommitteeParty } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { Committee, decideMemberJoin, requireCommittee } from '../../domain/committee/committee';
import { Committees } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { lengthMessage, oneOf, OptionalId } from '../shared/common.dto';

/** A member joins, representing property, merchants, residents or a department. */
export class AddCommitteeMember {
  constructor(
    readonly request: CommitteeMemberJoinedData,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(AddCommitteeMember)
export class AddCommitteeMemberHandler implements ICommandHandler<AddCommitteeMember, Committee> {
  constructor(@InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>) {}

  async execute({ request, caller }: AddCommitteeMember): Promise<Committee> {
    const { state } = await this.committees.decideAndSave(
      request.committeeId,
      (loaded) => {
        const committee = requireCommittee(loaded.state, request.committeeId);
        assertInScope(caller.actor, committee, '该共治委员会');
        return { definition: CommitteeMemberJoined, data: decideMemberJoin(committee, request) };
      },
      caller.context,
    );
    return state;
  }
}

export class CommitteeMemberDto {
  @ApiPropertyOptional({ description: '成员编号；不填则自动生成' }) @OptionalId() memberId?: string;
  @ApiProperty({ description: '姓名（个人信息）' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 50, lengthMessage('name', 1, 50)) name!: string;
  @ApiProperty({ enum: COMMITTEE_PARTIES, description: '代表的一方' }) @IsIn(COMMITTEE_PARTIES, oneOf('party', COMMITTEE_PARTIES)) party!: CommitteeParty;
  @ApiProperty({ description: '所在单位' }) @IsString({ message: 'affiliation 须为字符串' }) @Length(1, 100, lengthMessage('affiliation', 1, 100)) affiliation!: string;
  @ApiPropertyOptional({ description: '职务', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'title 须为字符串' })
  @Length(1, 50, lengthMessage('title', 1, 50))
  title?: string | null;
}
