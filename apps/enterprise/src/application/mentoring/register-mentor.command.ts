import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { MentorRegistered } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideMentor, Mentor } from '../../domain/mentoring/mentoring';
import { Mentors } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, Tags, text } from '../shared/common.dto';

export class RegisterMentor {
  constructor(
    readonly request: { mentorId: string; name: string; title: string; affiliation: string; expertise: string[]; zoneId: string },
    readonly context: CommandContext,
  ) {}
}

/** 导师入库 */
@CommandHandler(RegisterMentor)
export class RegisterMentorHandler implements ICommandHandler<RegisterMentor, Mentor> {
  constructor(
    @InjectAggregate(Mentors) private readonly mentors: AggregateRepository<Mentor>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: RegisterMentor): Promise<Mentor> {
    const zone = await this.membership.zone(request.zoneId);
    const { state } = await this.mentors.decideAndSave(request.mentorId, (loaded) => ({ definition: MentorRegistered, data: decideMentor(loaded.state, zone, request) }), context);
    return state;
  }
}

// 导师库、众创空间
export class RegisterMentorDto {
  @ApiProperty({ example: 'mentor-sp-01' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) mentorId!: string;
  @ApiProperty() @IsString({ message: 'name 须为字符串' }) @Length(1, 50, text('name', 50)) name!: string;
  @ApiProperty() @IsString({ message: 'title 须为字符串' }) @Length(1, 50, text('title', 50)) title!: string;
  @ApiProperty() @IsString({ message: 'affiliation 须为字符串' }) @Length(1, 100, text('affiliation', 100)) affiliation!: string;
  @ApiProperty({ description: '专长领域' }) @Tags('expertise', 1) expertise!: string[];
  @ApiProperty({ example: 'zone-software-park' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}
