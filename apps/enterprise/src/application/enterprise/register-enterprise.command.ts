import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { EnterpriseProfileV2, EnterpriseRegisteredV2 } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideEnterpriseRegistration, Enterprise } from '../../domain/enterprise/enterprise';
import { Enterprises } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, IsCreditCode } from '../shared/common.dto';
import { EnterpriseProfileDto } from '../shared/enterprise.dto';

export class RegisterEnterprise {
  constructor(
    readonly creditCode: string,
    readonly zoneId: string,
    readonly profile: EnterpriseProfileV2,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterEnterprise)
export class RegisterEnterpriseHandler implements ICommandHandler<RegisterEnterprise, Enterprise> {
  constructor(
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ creditCode, zoneId, profile, context }: RegisterEnterprise): Promise<Enterprise> {
    const zone = await this.membership.zone(zoneId);
    const building = profile.buildingId ? await this.membership.building(profile.buildingId) : null;
    const { state } = await this.enterprises.decideAndSave(
      creditCode,
      (loaded) => ({ definition: EnterpriseRegisteredV2, data: decideEnterpriseRegistration(loaded.state, zone, building, { creditCode, zoneId, profile }) }),
      context,
    );
    return state;
  }
}

export class RegisterEnterpriseDto extends EnterpriseProfileDto {
  @ApiProperty({ description: '统一社会信用代码（18 位，含校验位）', example: '91370811MA3HN0001T' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ description: '所在片区编号（商圈/园区/楼宇）', example: 'zone-haineng' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  zoneId!: string;
}
