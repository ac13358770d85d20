import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ServiceCentreRegistered, ServiceCentreRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideCentreRegistration, ServiceCentre } from '../../domain/room/room';
import { ServiceCentres } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 登记党群服务中心 */
export class RegisterServiceCentre {
  constructor(
    readonly data: ServiceCentreRegisteredData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterServiceCentre)
export class RegisterServiceCentreHandler implements ICommandHandler<RegisterServiceCentre, ServiceCentre> {
  constructor(@InjectAggregate(ServiceCentres) private readonly centres: AggregateRepository<ServiceCentre>) {}

  async execute({ data, context }: RegisterServiceCentre): Promise<ServiceCentre> {
    const { state } = await this.centres.decideAndSave(
      data.centreId,
      (loaded) => ({ definition: ServiceCentreRegistered, data: decideCentreRegistration(loaded.state, data) }),
      context,
    );
    return state;
  }
}

export class RegisterServiceCentreDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) centreId!: string;
  @ApiProperty() @IsString({ message: 'name 须为文本' }) @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' }) name!: string;
  @ApiProperty() @IsInt({ message: 'areaM2 须为整数' }) @Min(1, { message: 'areaM2 最小为 1' }) @Max(1000000, { message: 'areaM2 过大' }) areaM2!: number;
  @ApiProperty() @IsString({ message: 'address 须为文本' }) @Length(1, 200, { message: 'address 长度须在 1 到 200 之间' }) address!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string | null;
}
