import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { EnterpriseProfile, EnterpriseProfileUpdatedV2 } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideProfileUpdate, Enterprise } from '../../domain/enterprise/enterprise';
import { Enterprises } from '../../infrastructure/aggregates';
import { EnterpriseProfileDto } from '../shared/enterprise.dto';

export class UpdateEnterpriseProfile {
  constructor(
    readonly creditCode: string,
    /** `buildingId` undefined keeps the building the enterprise is in; null clears it. */
    readonly profile: EnterpriseProfile & { buildingId?: string | null },
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(UpdateEnterpriseProfile)
export class UpdateEnterpriseProfileHandler implements ICommandHandler<UpdateEnterpriseProfile, Enterprise> {
  constructor(
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ creditCode, profile, expectedVersion, context }: UpdateEnterpriseProfile): Promise<Enterprise> {
    const building = profile.buildingId ? await this.membership.building(profile.buildingId) : null;
    const { state } = await this.enterprises.decideAndSave(
      creditCode,
      (loaded) => ({ definition: EnterpriseProfileUpdatedV2, data: decideProfileUpdate(loaded.state, creditCode, profile, building) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class UpdateEnterpriseProfileDto extends EnterpriseProfileDto {
  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}
