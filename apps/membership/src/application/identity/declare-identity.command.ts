import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { IdentityDeclared } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { decideDeclaration, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { chinaDate } from '../../domain/member/dates';
import { IdentityDeclarations } from '../../infrastructure/aggregates';
import { IdentityDeclarationContacts } from '../../infrastructure/identity/identity-declaration-contacts';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { DATE, DATE_MESSAGE, GENDERS, IsEmployerName, IsMobilePhone } from '../shared/member.dto';

export interface DeclarationRequest {
  declarationId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  phone: string;
  organizationId: string;
  homeOrganizationName: string | null;
  employerName: string | null;
  declaredJoinedOn: string;
  declaredOn: string;
}

/** 亮身份: recorded on the member's behalf by whoever they approached (secretary, grid worker, enterprise contact). */
export class DeclareIdentity {
  constructor(
    readonly request: DeclarationRequest,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DeclareIdentity)
export class DeclareIdentityHandler implements ICommandHandler<DeclareIdentity, IdentityDeclaration> {
  constructor(
    @InjectAggregate(IdentityDeclarations) private readonly declarations: AggregateRepository<IdentityDeclaration>,
    private readonly contacts: IdentityDeclarationContacts,
    private readonly organizations: MemberOrganizations,
    private readonly clock: Clock,
  ) {}

  async execute({ request, actor, context }: DeclareIdentity): Promise<IdentityDeclaration> {
    const org = await this.organizations.find(request.organizationId);
    if (!org) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `党组织 ${request.organizationId} 不存在`, { field: 'organizationId' });
    assertInScope(actor, org, '该党组织');
    const { phone, ...rest } = request;
    const { state } = await this.declarations.decideAndSave(
      request.declarationId,
      async (loaded) => {
        const data = decideDeclaration(loaded.state, { ...rest, districtId: org.districtId, subDistrictId: org.subDistrictId, zoneId: org.zoneId }, phone, chinaDate(this.clock.now()));
        // Only once the declaration is accepted; storing it again on a retry keeps the first.
        await this.contacts.storePhone(data.declarationId, phone);
        return { definition: IdentityDeclared, data };
      },
      context,
    );
    return state;
  }
}

export class DeclareIdentityDto {
  @ApiPropertyOptional({ description: '登记编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  declarationId?: string;

  @ApiProperty({ description: '姓名' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS, { message: 'gender 必须是 MALE 或 FEMALE' })
  gender!: 'MALE' | 'FEMALE';

  @ApiProperty({ description: '手机号码（加密保存，不进入事件）' })
  @IsMobilePhone()
  phone!: string;

  @ApiProperty({ description: '亮身份的本地党组织' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId!: string;

  @ApiPropertyOptional({ description: '组织关系所在党组织', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'homeOrganizationName 须为字符串' })
  @Length(1, 100, { message: 'homeOrganizationName 长度须在 1 到 100 之间' })
  homeOrganizationName?: string | null;

  @ApiPropertyOptional({ description: '工作单位', nullable: true })
  @IsOptional()
  @IsEmployerName()
  employerName?: string | null;

  @ApiProperty({ description: '自述入党日期' })
  @IsString({ message: 'declaredJoinedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  declaredJoinedOn!: string;

  @ApiProperty({ description: '亮身份日期' })
  @IsString({ message: 'declaredOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  declaredOn!: string;
}
