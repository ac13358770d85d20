import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MentorRegistered } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { MembershipReference } from '@pb/membership-reference';
import { decideMentor, Mentor } from '../../domain/mentoring/mentoring';
import { MentorRepository } from '../../infrastructure/repositories';

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
    private readonly mentors: MentorRepository,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: RegisterMentor): Promise<Mentor> {
    const loaded = await this.mentors.load(request.mentorId);
    const data = decideMentor(loaded.state, await this.membership.zone(request.zoneId), request);
    const { state } = await this.mentors.save(loaded, { definition: MentorRegistered, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
