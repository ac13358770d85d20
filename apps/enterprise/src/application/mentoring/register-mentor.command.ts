import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MentorRegistered } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideMentor, Mentor } from '../../domain/mentoring/mentoring';
import { Mentors } from '../../infrastructure/aggregates';

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
    const { state } = await this.mentors.decideAndSave(
      request.mentorId,
      (loaded) => ({ definition: MentorRegistered, data: decideMentor(loaded.state, zone, request) }),
      context,
    );
    return state;
  }
}
