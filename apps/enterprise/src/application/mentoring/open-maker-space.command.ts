import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { MakerSpaceOpened } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import { decideMakerSpace, MakerSpace } from '../../domain/mentoring/mentoring';
import { MakerSpaces } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, text } from '../shared/common.dto';

export class OpenMakerSpace {
  constructor(
    readonly request: { makerSpaceId: string; name: string; operator: string; description: string; zoneId: string },
    readonly context: CommandContext,
  ) {}
}

/** 众创空间登记 */
@CommandHandler(OpenMakerSpace)
export class OpenMakerSpaceHandler implements ICommandHandler<OpenMakerSpace, MakerSpace> {
  constructor(
    @InjectAggregate(MakerSpaces) private readonly spaces: AggregateRepository<MakerSpace>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: OpenMakerSpace): Promise<MakerSpace> {
    const zone = await this.membership.zone(request.zoneId);
    const { state } = await this.spaces.decideAndSave(
      request.makerSpaceId,
      (loaded) => ({ definition: MakerSpaceOpened, data: decideMakerSpace(loaded.state, zone, request) }),
      context,
    );
    return state;
  }
}

export class OpenMakerSpaceDto {
  @ApiProperty({ example: 'ms-up-cafe' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) makerSpaceId!: string;
  @ApiProperty({ example: 'UP咖啡' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, text('name', 100)) name!: string;
  @ApiProperty() @IsString({ message: 'operator 须为字符串' }) @Length(1, 100, text('operator', 100)) operator!: string;
  @MultiLineText() @ApiProperty() @IsString({ message: 'description 须为字符串' }) @Length(1, 1000, text('description', 1000)) description!: string;
  @ApiProperty({ example: 'zone-software-park' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}
