import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateIf, ValidateNested } from 'class-validator';
import { OrganizationHost, OrganizationHostChanged } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideHostChange, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto } from '../shared/common.dto';
import { OrganizationHostDto } from './register-organization.command';

/** 依托单位变更 */
export class ChangeOrganizationHost {
  constructor(
    readonly organizationId: string,
    readonly host: OrganizationHost | null,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeOrganizationHost)
export class ChangeOrganizationHostHandler implements ICommandHandler<ChangeOrganizationHost, Organization> {
  constructor(@InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>) {}

  async execute({ organizationId, host, expectedVersion, context }: ChangeOrganizationHost): Promise<Organization> {
    const { state } = await this.organizations.decideAndSave(
      organizationId,
      (loaded) => ({ definition: OrganizationHostChanged, data: decideHostChange(loaded.state, organizationId, host) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class ChangeOrganizationHostDto extends ExpectedVersionDto {
  @ApiProperty({ type: OrganizationHostDto, description: '新的依托单位；null 表示不再依托单位', nullable: true })
  @IsDefined({ message: 'host 必填（不再依托单位时填 null）' })
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => OrganizationHostDto)
  host!: OrganizationHostDto | null;
}
