import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { ThreeInOneFormed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideThreeInOne, Organization, ThreeInOne } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto } from '../shared/common.dto';

/** 三位一体: record the units that make up a joint organization. */
export class RecordThreeInOne {
  constructor(
    readonly organizationId: string,
    readonly formation: ThreeInOne,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordThreeInOne)
export class RecordThreeInOneHandler implements ICommandHandler<RecordThreeInOne, Organization> {
  constructor(@InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>) {}

  async execute(c: RecordThreeInOne): Promise<Organization> {
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      (loaded) => ({ definition: ThreeInOneFormed, data: decideThreeInOne(loaded.state, c.organizationId, c.formation) }),
      c.context,
      { expectedVersion: c.expectedVersion },
    );
    return state;
  }
}

export class FormationUnitDto {
  @ApiProperty({ description: '单位名称' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'creditCode 须为 18 位统一社会信用代码' })
  creditCode?: string | null;
}

export class ThreeInOneDto extends ExpectedVersionDto {
  @ApiProperty({ type: FormationUnitDto, description: '产权单位' })
  @ValidateNested()
  @Type(() => FormationUnitDto)
  propertyOwner!: FormationUnitDto;

  @ApiProperty({ type: FormationUnitDto, description: '物业公司' })
  @ValidateNested()
  @Type(() => FormationUnitDto)
  propertyManager!: FormationUnitDto;

  @ApiProperty({ type: [FormationUnitDto], description: '入驻企业（1-500 家）' })
  @IsArray({ message: 'residentEnterprises 须为数组' })
  @ArrayMinSize(1, { message: 'residentEnterprises 至少包含 1 家入驻企业' })
  @ArrayMaxSize(500, { message: 'residentEnterprises 最多 500 家' })
  @ValidateNested({ each: true })
  @Type(() => FormationUnitDto)
  residentEnterprises!: FormationUnitDto[];
}
