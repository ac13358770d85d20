import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { HONOUR_KINDS, HonourKind, HonourRegistered, HonourRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MembershipReference } from '@pb/membership-reference';
import { MultiLineText } from '@pb/platform';
import { decideHonour, Honour } from '../../domain/recognition/recognition';
import { Honours } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 认定党建品牌 / 示范点 */
export class RegisterHonour {
  constructor(
    readonly data: HonourRegisteredData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterHonour)
export class RegisterHonourHandler implements ICommandHandler<RegisterHonour, Honour> {
  constructor(
    @InjectAggregate(Honours) private readonly honours: AggregateRepository<Honour>,
    private readonly reference: MembershipReference,
  ) {}

  async execute({ data, context }: RegisterHonour): Promise<Honour> {
    // The place is checked against membership's registrations, never taken as typed.
    const [subDistrict, zone, organization] = await Promise.all([
      this.reference.jurisdiction(data.subDistrictId),
      data.zoneId ? this.reference.zone(data.zoneId) : null,
      data.organizationId ? this.reference.organization(data.organizationId) : null,
    ]);
    const { state } = await this.honours.decideAndSave(
      data.honourId,
      (loaded) => ({ definition: HonourRegistered, data: decideHonour(loaded.state, data, { subDistrict, zone, organization }) }),
      context,
    );
    return state;
  }
}

export class RegisterHonourDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) honourId!: string;
  @ApiProperty({ enum: HONOUR_KINDS }) @IsIn(HONOUR_KINDS, { message: `kind 必须是以下之一：${HONOUR_KINDS.join(', ')}` }) kind!: HonourKind;
  @ApiProperty() @IsString({ message: 'name 须为文本' }) @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' }) name!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string | null;
  @MultiLineText() @ApiProperty() @IsString({ message: 'description 须为文本' }) @Length(1, 1000, { message: 'description 长度须在 1 到 1000 之间' }) description!: string;
  @ApiProperty()
  @IsISO8601({ strict: true }, { message: 'awardedOn 须为日期 YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'awardedOn 须为日期 YYYY-MM-DD' })
  awardedOn!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string | null;
}
