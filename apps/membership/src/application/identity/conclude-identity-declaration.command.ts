import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { DECLARATION_DECISIONS, DeclarationDecision, FloatingMemberRegistered, IdentityDeclarationConcluded, MEMBER_STATUSES, MemberRegistered, MemberStatus } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { decideConclusion, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { chinaDate } from '../../domain/member/dates';
import { decideFloatingRegistration, decideRegistration, Member, RegistrationRequest } from '../../domain/member/member';
import { IdentityDeclarations, Members } from '../../infrastructure/aggregates';
import { IdentityDeclarationContacts } from '../../infrastructure/identity/identity-declaration-contacts';
import { assertMayManage } from '../member/member-access';
import { PersonRecords } from '../member/person-records';
import { OrganizationChoice, OrganizationResolver } from '../member/resolve-organization';
import { ExpectedVersionDto, ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { DATE, DATE_MESSAGE, GENDERS, IsEmployerCreditCode, IsEmployerName, IsMobilePhone } from '../shared/member.dto';

/**
 * What the secretary adds to a verified declaration to put the person on record: the personal
 * data the declaration never asked for (birth date, ID number, status); everything else defaults
 * to what was declared (name, gender, phone, employer, organization, joining date, home organization).
 */
export interface ConclusionRequest {
  decision: DeclarationDecision;
  decidedOn: string;
  memberId: string;
  birthDate: string;
  idNumber: string;
  status: MemberStatus;
  name?: string;
  gender?: 'MALE' | 'FEMALE';
  phone?: string;
  employerName?: string | null;
  employerCreditCode?: string | null;
  joinedOn?: string;
  organization?: OrganizationChoice;
  homeOrganizationName?: string;
  checkedInOn?: string;
}

/** 亮身份办结: a verified declaration leads to a member (党员登记) or a floating member (流动党员登记), linked to it. */
export class ConcludeIdentityDeclaration {
  constructor(
    readonly declarationId: string,
    readonly request: ConclusionRequest,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ConcludeIdentityDeclaration)
export class ConcludeIdentityDeclarationHandler implements ICommandHandler<ConcludeIdentityDeclaration, IdentityDeclaration> {
  constructor(
    @InjectAggregate(IdentityDeclarations) private readonly declarations: AggregateRepository<IdentityDeclaration>,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly contacts: IdentityDeclarationContacts,
    private readonly organizations: OrganizationResolver,
    private readonly records: PersonRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ declarationId, request, expectedVersion, actor, context }: ConcludeIdentityDeclaration): Promise<IdentityDeclaration> {
    const now = this.clock.now();
    const today = chinaDate(now);
    const loaded = await this.declarations.load(declarationId);
    const declaration = loaded.state;
    if (!declaration) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `亮身份登记 ${declarationId} 不存在`, { declarationId });
    assertMayManage(actor, declaration, '该登记所在党组织');
    if (expectedVersion !== undefined && expectedVersion !== loaded.version) throw new ConcurrencyConflictError(declarationId, expectedVersion);
    // Decided before the record is created: an unverified, rejected or already concluded declaration creates nothing.
    const concluded = decideConclusion(declaration, declarationId, request.decision, request.memberId, request.decidedOn, today);

    const { organization: org, organizationId } = await this.organizations.resolve(request.organization ?? { organizationId: declaration.organizationId });
    if (org) assertMayManage(actor, org, '登记的党组织');
    const phone = request.phone ?? (await this.contacts.readPhone(declarationId));
    if (!phone) throw new DomainError('invalid', 'PHONE_REQUIRED', '该登记未保存手机号码，请填写 phone', { field: 'phone' });
    const [existing = null] = await this.members.statesOf([request.memberId]);
    const person: RegistrationRequest = {
      memberId: request.memberId,
      name: request.name ?? declaration.name,
      gender: request.gender ?? declaration.gender,
      birthDate: request.birthDate,
      idNumber: request.idNumber,
      phone,
      employerName: request.employerName !== undefined ? request.employerName : declaration.employerName,
      employerCreditCode: request.employerCreditCode ?? null,
      status: request.status,
      joinedOn: request.joinedOn ?? declaration.declaredJoinedOn,
    };
    if (request.decision === 'REGISTER_MEMBER') {
      const { data, idNumber } = decideRegistration(existing, org, organizationId, person, today);
      await this.records.create(MemberRegistered, data, { idNumber, phone }, context, now, actor);
    } else {
      const floating = {
        ...person,
        homeOrganizationName: request.homeOrganizationName ?? declaration.homeOrganizationName ?? '',
        // They made themselves known to the organization when they declared: that is their check-in.
        checkedInOn: request.checkedInOn ?? declaration.declaredOn,
      };
      const { data, idNumber } = decideFloatingRegistration(existing, org, organizationId, floating, today);
      await this.records.create(FloatingMemberRegistered, data, { idNumber, phone }, context, now, actor);
    }
    // Saved at the version read above: a concurrent conclusion with another ID number would leave its
    // member unlinked and answer 409 here (the same ID number is already refused by the city-wide guard).
    const { state } = await this.declarations.save(loaded, { definition: IdentityDeclarationConcluded, data: concluded }, context);
    return state;
  }
}

export class ConcludeDeclarationDto extends ExpectedVersionDto {
  @ApiProperty({ enum: DECLARATION_DECISIONS, description: '登记为党员 REGISTER_MEMBER / 登记为流动党员 RECORD_FLOATING' })
  @IsIn(DECLARATION_DECISIONS, { message: `decision 必须是以下之一：${DECLARATION_DECISIONS.join(', ')}` })
  decision!: DeclarationDecision;

  @ApiProperty({ description: '办结日期', example: '2026-03-16' })
  @IsString({ message: 'decidedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  decidedOn!: string;

  @ApiPropertyOptional({ description: '新建记录的党员编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string;

  @ApiProperty({ description: '出生日期', example: '1988-03-15' })
  @IsString({ message: 'birthDate 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  birthDate!: string;

  @ApiProperty({ description: '居民身份证号码（18 位，GB 11643 校验）' })
  @IsString({ message: 'idNumber 须为字符串' })
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber 须为 18 位居民身份证号码（前 17 位数字，末位为数字或 X）' })
  idNumber!: string;

  @ApiProperty({ enum: MEMBER_STATUSES, description: '正式党员 FULL / 预备党员 PROBATIONARY' })
  @IsIn(MEMBER_STATUSES, { message: `status 必须是以下之一：${MEMBER_STATUSES.join(', ')}` })
  status!: MemberStatus;

  @ApiPropertyOptional({ description: '姓名；不填则取登记时的姓名' })
  @IsOptional()
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name?: string;

  @ApiPropertyOptional({ enum: GENDERS, description: '性别；不填则取登记时的性别' })
  @IsOptional()
  @IsIn(GENDERS, { message: 'gender 必须是 MALE 或 FEMALE' })
  gender?: 'MALE' | 'FEMALE';

  @ApiPropertyOptional({ description: '手机号码；不填则取登记时的号码' })
  @IsOptional()
  @IsMobilePhone()
  phone?: string;

  @ApiPropertyOptional({ description: '工作单位；不填则取登记时的工作单位', nullable: true })
  @IsOptional()
  @IsEmployerName()
  employerName?: string | null;

  @ApiPropertyOptional({ description: '工作单位统一社会信用代码', nullable: true })
  @IsOptional()
  @IsEmployerCreditCode()
  employerCreditCode?: string | null;

  @ApiPropertyOptional({ description: '入党日期；不填则取登记时自述的入党日期' })
  @IsOptional()
  @IsString({ message: 'joinedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  joinedOn?: string;

  @ApiPropertyOptional({ description: '所在（报到）党组织；不填则为亮身份的党组织' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'organizationId 须为党组织编号（或改填 jointCommitteeOfZone）' })
  organizationId?: string;

  @ApiPropertyOptional({ description: '编入该片区的联合党委/联合党支部（与 organizationId 二选一）' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  jointCommitteeOfZone?: string;

  @ApiPropertyOptional({ description: '仅 RECORD_FLOATING：组织关系所在的原党组织（流出地）；不填则取登记时填写的' })
  @ValidateIf((o: ConcludeDeclarationDto) => o.homeOrganizationName !== undefined)
  @IsString({ message: 'homeOrganizationName 须为字符串' })
  @Length(1, 100, { message: 'homeOrganizationName 长度须在 1 到 100 之间' })
  homeOrganizationName?: string;

  @ApiPropertyOptional({ description: '仅 RECORD_FLOATING：报到日期；不填则为亮身份日期' })
  @IsOptional()
  @IsString({ message: 'checkedInOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  checkedInOn?: string;
}
