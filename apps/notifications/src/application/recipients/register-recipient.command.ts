import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Model } from 'mongoose';
import { Actor, Clock, Role, ROLES, SCOPE_LEVELS, ScopeLevel } from '@pb/platform';
import { audiencesOf } from '../../domain/notification';
import { RECIPIENTS, Recipient } from '../../infrastructure/recipients.collection';

export class RegisterRecipient {
  constructor(
    /** The user as the gateway vouches for them (their role, scope and links). */
    readonly user: Actor,
    readonly active: boolean,
  ) {}
}

export interface RecipientView {
  userId: string;
  audiences: string[];
  districtId: string | null;
  active: boolean;
}

/** 接收人: the audiences a user belongs to, so channels can deliver to each person; kept as the gateway last said. */
@CommandHandler(RegisterRecipient)
export class RegisterRecipientHandler implements ICommandHandler<RegisterRecipient, RecipientView> {
  constructor(
    @InjectModel(RECIPIENTS) private readonly recipients: Model<Recipient>,
    private readonly clock: Clock,
  ) {}

  async execute({ user, active }: RegisterRecipient): Promise<RecipientView> {
    const view = recipientOf(user, active);
    await this.recipients.updateOne({ _id: user.userId }, { $set: { audiences: view.audiences, districtId: view.districtId, active, updatedAt: this.clock.now() } }, { upsert: true });
    return view;
  }
}

export function recipientOf(user: Actor, active: boolean): RecipientView {
  return { userId: user.userId, audiences: audiencesOf(user), districtId: user.scope.districtId ?? null, active };
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const ID_MESSAGE = (field: string) => `${field} 格式不正确`;

export class RecipientScopeDto {
  @ApiProperty({ enum: SCOPE_LEVELS })
  @IsIn(SCOPE_LEVELS, { message: `scope.level 必须是以下之一：${SCOPE_LEVELS.join(', ')}` })
  level!: ScopeLevel;

  @IsOptional() @Matches(ID, { message: ID_MESSAGE('scope.districtId') }) districtId?: string;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE('scope.subDistrictId') }) subDistrictId?: string;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE('scope.zoneId') }) zoneId?: string;
}

/** The user's actor as the gateway puts it in their internal tokens, and whether the account is active. */
export class RegisterRecipientDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role 必须是以下之一：${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ type: RecipientScopeDto })
  @ValidateNested()
  @Type(() => RecipientScopeDto)
  scope!: RecipientScopeDto;

  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('organizationId') }) organizationId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('enterpriseCode') }) enterpriseCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('memberId') }) memberId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('gridWorkerId') }) gridWorkerId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('departmentId') }) departmentId?: string;

  @ApiProperty({ description: 'false：账号已停用，渠道不再投递' })
  @IsBoolean({ message: 'active 须为 true 或 false' })
  active!: boolean;
}

export class RecipientParamDto {
  @Matches(ID, { message: ID_MESSAGE('userId') })
  userId!: string;
}
