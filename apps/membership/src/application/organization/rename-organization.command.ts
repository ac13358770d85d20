import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { OrganizationRenamed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideRename, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';

export class RenameOrganization {
  constructor(
    readonly organizationId: string,
    readonly name: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RenameOrganization)
export class RenameOrganizationHandler implements ICommandHandler<RenameOrganization, Organization> {
  constructor(@InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>) {}

  async execute({ organizationId, name, expectedVersion, context }: RenameOrganization): Promise<Organization> {
    const { state } = await this.organizations.decideAndSave(
      organizationId,
      (loaded) => ({ definition: OrganizationRenamed, data: decideRename(loaded.state, organizationId, name) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class RenameOrganizationDto {
  @ApiProperty({ description: '新名称' })
  @IsString()
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
