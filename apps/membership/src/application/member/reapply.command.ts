import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { MembershipApplicationResubmitted } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideReapplication, Member } from '../../domain/member/member';
import { ExpectedVersionDto, IsId } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { assertMayManage } from './member-access';
import { MemberSteps } from './member-steps';

/** 重新递交入党申请: after a withdrawal or a rejection, on the same record, to its organization or another. */
export class Reapply {
  constructor(
    readonly memberId: string,
    readonly request: { appliedOn: string; organizationId?: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(Reapply)
export class ReapplyHandler implements ICommandHandler<Reapply, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: Reapply): Promise<Member> {
    return this.steps.record(memberId, actor, expectedVersion, context, async ({ member, today }) => {
      const organizationId = request.organizationId ?? member.organizationId;
      const organization = await this.steps.find(organizationId);
      // Applying to another organization takes in a person there: the caller must manage it too.
      if (organization && organizationId !== member.organizationId) assertMayManage(actor, organization, 'organizationId 指定的党组织');
      return {
        definition: MembershipApplicationResubmitted,
        data: decideReapplication(member, memberId, organization, organizationId, request.appliedOn, today),
      } as PendingEvent<never>;
    });
  }
}

export class ReapplyDto extends ExpectedVersionDto {
  @ApiProperty({ description: '重新递交入党申请的日期（晚于撤回或不予接收的日期）', example: '2027-03-01' })
  @IsString({ message: 'appliedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  appliedOn!: string;

  @ApiPropertyOptional({ description: '申请加入的党组织；缺省为档案所在党组织' })
  @IsOptional()
  @IsString({ message: 'organizationId 须为字符串' })
  @IsId()
  organizationId?: string;
}
