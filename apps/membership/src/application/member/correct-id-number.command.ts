import { ForbiddenException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { MemberIdNumberCorrected } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, Clock, MultiLineText } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { chinaDate } from '../../domain/member/dates';
import { decideIdNumberCorrection, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { IdNumberReveals } from '../../infrastructure/member/id-number-reveals';
import { IdNumberTaken, MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { idNumberTaken } from './member-access';

/** Who may correct an ID number: the district's administrators and the city's (区县管理员及以上). */
const MAY_CORRECT_ID_NUMBER = ['CITY_ADMIN', 'DISTRICT_ADMIN'];

/** 更正身份证号 (district administrator or above), audited as the clear views of the number are. */
export class CorrectIdNumber {
  constructor(
    readonly memberId: string,
    readonly idNumber: string,
    readonly reason: string,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CorrectIdNumber)
export class CorrectIdNumberHandler implements ICommandHandler<CorrectIdNumber, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly personal: MemberPersonalData,
    private readonly reveals: IdNumberReveals,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, idNumber, reason, expectedVersion, actor, context }: CorrectIdNumber): Promise<Member> {
    if (!MAY_CORRECT_ID_NUMBER.includes(actor.role)) throw new ForbiddenException(`角色 ${actor.role} 无权更正身份证号（仅区县及以上管理员）`);
    const now = this.clock.now();
    const loaded = await this.members.load(memberId);
    const member = requireMember(loaded.state, memberId);
    assertInScope(actor, member, '该党员');
    if (expectedVersion !== undefined && expectedVersion !== loaded.version) {
      throw new ConcurrencyConflictError(memberId, expectedVersion);
    }
    const current = (await this.personal.read([memberId])).get(memberId)?.idNumber ?? null;
    const { data, idNumber: normalized } = decideIdNumberCorrection(member, memberId, { idNumber, reason }, current, chinaDate(now));
    // 留痕 first, as a clear view is: no correction goes unrecorded; one refused below says so.
    const auditId = `rev-${String(now.getTime()).padStart(14, '0')}-${randomUUID().slice(0, 8)}`;
    await this.reveals.record({
      _id: auditId,
      action: 'CORRECTED',
      revealedBy: actor.userId,
      role: actor.role,
      revealedAt: now,
      memberId,
      organizationId: member.organizationId,
      districtId: member.districtId,
      subDistrictId: member.subDistrictId,
      zoneId: member.zoneId,
    });
    let replaced: Awaited<ReturnType<MemberPersonalData['replaceIdNumber']>>;
    try {
      // The new number's claim is the same city-wide uniqueness guard registration uses.
      replaced = await this.personal.replaceIdNumber(
        memberId,
        normalized,
        async (holder) => (await this.members.statesOf([holder])).length > 0 || (await this.members.load(holder)).state !== null,
        now,
      );
    } catch (error) {
      await this.reveals.refused(auditId);
      if (!(error instanceof IdNumberTaken)) throw error;
      const [holder = null] = await this.members.statesOf([error.holderMemberId]);
      const { reason: why, holderMemberId } = idNumberTaken(actor, holder);
      throw new DomainError('conflict', 'ID_NUMBER_TAKEN', why, holderMemberId ? { field: 'idNumber', memberId: holderMemberId } : { field: 'idNumber' });
    }
    try {
      const { state } = await this.members.save(loaded, { definition: MemberIdNumberCorrected, data }, context);
      await replaced.commit();
      return state;
    } catch (error) {
      await replaced.undo().catch(() => undefined);
      await this.reveals.refused(auditId).catch(() => undefined);
      throw error;
    }
  }
}

export class CorrectIdNumberDto {
  @ApiProperty({ description: '更正后的居民身份证号码（18 位，GB 11643 校验）', example: '370802198803150012' })
  @IsString({ message: 'idNumber 须为字符串' })
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber 须为 18 位居民身份证号码（前 17 位数字，末位为数字或 X）' })
  idNumber!: string;

  @MultiLineText()
  @ApiProperty({ description: '更正原因（必填）', example: '登记时身份证号末四位录入错误' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间（更正身份证号须说明原因）' })
  reason!: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}
