import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { StartupAdmitted } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideStartupAdmission, MakerSpace, Startup } from '../../domain/mentoring/mentoring';
import { MakerSpaces, Startups } from '../../infrastructure/aggregates';
import { DATE_MESSAGE, DATE_PATTERN, ID_MESSAGE, ID_PATTERN, text } from '../shared/common.dto';

export class AdmitStartup {
  constructor(
    readonly request: { startupId: string; makerSpaceId: string; name: string; field: string; teamSize: number; admittedOn: string },
    readonly context: CommandContext,
  ) {}
}

/** 创业团队入驻 */
@CommandHandler(AdmitStartup)
export class AdmitStartupHandler implements ICommandHandler<AdmitStartup, Startup> {
  constructor(
    @InjectAggregate(Startups) private readonly startups: AggregateRepository<Startup>,
    @InjectAggregate(MakerSpaces) private readonly spaces: AggregateRepository<MakerSpace>,
  ) {}

  async execute({ request, context }: AdmitStartup): Promise<Startup> {
    const space = (await this.spaces.load(request.makerSpaceId)).state;
    const { state } = await this.startups.decideAndSave(
      request.startupId,
      (loaded) => ({ definition: StartupAdmitted, data: decideStartupAdmission(loaded.state, space, request) }),
      context,
    );
    return state;
  }
}

export class AdmitStartupDto {
  @ApiProperty({ example: 'startup-upcafe-01' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) startupId!: string;
  @ApiProperty() @IsString({ message: 'name 须为字符串' }) @Length(1, 100, text('name', 100)) name!: string;
  @ApiProperty() @IsString({ message: 'field 须为字符串' }) @Length(1, 50, text('field', 50)) field!: string;
  @ApiProperty() @IsInt({ message: 'teamSize 须为整数' }) @Min(1, { message: 'teamSize 不能小于 1' }) @Max(1000, { message: 'teamSize 不能超过 1000' }) teamSize!: number;
  @ApiProperty({ example: '2026-03-01' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) admittedOn!: string;
}
