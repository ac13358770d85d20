import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { createHash } from 'crypto';
import { MENTEE_KINDS, MenteeKind, MentoringMatched } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideMentoringMatch, Mentee, Mentor, MentoringMatch, Startup } from '../../domain/mentoring/mentoring';
import { Enterprises, MentoringMatches, Mentors, Startups } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, text } from '../shared/common.dto';

export class MatchMentor {
  constructor(
    readonly request: { mentorId: string; menteeKind: MenteeKind; menteeId: string; topic: string },
    readonly context: CommandContext,
  ) {}
}

/** One pairing per mentor and mentee: the id follows from them, so pairing twice is a 409. */
export function mentoringMatchId(mentorId: string, kind: MenteeKind, menteeId: string): string {
  return `mm-${createHash('sha256').update(`${mentorId}\u0000${kind}\u0000${menteeId}`).digest('hex').slice(0, 24)}`;
}

/** 导师结对 */
@CommandHandler(MatchMentor)
export class MatchMentorHandler implements ICommandHandler<MatchMentor, MentoringMatch> {
  constructor(
    @InjectAggregate(MentoringMatches) private readonly matches: AggregateRepository<MentoringMatch>,
    @InjectAggregate(Mentors) private readonly mentors: AggregateRepository<Mentor>,
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
    @InjectAggregate(Startups) private readonly startups: AggregateRepository<Startup>,
  ) {}

  async execute({ request, context }: MatchMentor): Promise<MentoringMatch> {
    const matchId = mentoringMatchId(request.mentorId, request.menteeKind, request.menteeId);
    const mentor = (await this.mentors.load(request.mentorId)).state;
    const mentee = await this.mentee(request.menteeKind, request.menteeId);
    const { state } = await this.matches.decideAndSave(
      matchId,
      (loaded) => ({ definition: MentoringMatched, data: decideMentoringMatch(loaded.state, mentor, mentee, { ...request, matchId }) }),
      context,
    );
    return state;
  }

  private async mentee(kind: MenteeKind, id: string): Promise<Mentee | null> {
    if (kind === 'ENTERPRISE') {
      const e = (await this.enterprises.load(id)).state;
      return e ? { kind, id, name: e.name, active: true, jurisdiction: { districtId: e.districtId, subDistrictId: e.subDistrictId, zoneId: e.zoneId } } : null;
    }
    const s = (await this.startups.load(id)).state;
    return s ? { kind, id, name: s.name, active: s.status === 'INCUBATING', jurisdiction: { districtId: s.districtId, subDistrictId: s.subDistrictId, zoneId: s.zoneId } } : null;
  }
}

export class MatchMentorDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) mentorId!: string;
  @ApiProperty({ enum: MENTEE_KINDS }) @IsIn(MENTEE_KINDS, { message: `menteeKind 必须是以下之一：${MENTEE_KINDS.join(', ')}` }) menteeKind!: MenteeKind;
  @ApiProperty({ description: '企业的统一社会信用代码或创业团队编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) menteeId!: string;
  @ApiProperty() @IsString({ message: 'topic 须为字符串' }) @Length(1, 200, text('topic', 200)) topic!: string;
}
