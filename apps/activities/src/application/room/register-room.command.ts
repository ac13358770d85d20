import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ROOM_KINDS, RoomKind, RoomRegistered, RoomRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideRoomRegistration, Room, ServiceCentre } from '../../domain/room/room';
import { Rooms, ServiceCentres } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 登记功能室 */
export class RegisterRoom {
  constructor(
    readonly data: Omit<RoomRegisteredData, 'districtId' | 'subDistrictId' | 'zoneId'>,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterRoom)
export class RegisterRoomHandler implements ICommandHandler<RegisterRoom, Room> {
  constructor(
    @InjectAggregate(Rooms) private readonly rooms: AggregateRepository<Room>,
    @InjectAggregate(ServiceCentres) private readonly centres: AggregateRepository<ServiceCentre>,
  ) {}

  async execute({ data, context }: RegisterRoom): Promise<Room> {
    const centre = (await this.centres.load(data.centreId)).state;
    const { state } = await this.rooms.decideAndSave(data.roomId, (loaded) => ({ definition: RoomRegistered, data: decideRoomRegistration(loaded.state, centre, data) }), context);
    return state;
  }
}

export class RegisterRoomDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) roomId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) centreId!: string;
  @ApiProperty() @IsString({ message: 'name 须为文本' }) @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' }) name!: string;
  @ApiProperty({ enum: ROOM_KINDS }) @IsIn(ROOM_KINDS, { message: `kind 必须是以下之一：${ROOM_KINDS.join(', ')}` }) kind!: RoomKind;
  @ApiProperty() @IsInt({ message: 'capacity 须为整数' }) @Min(1, { message: 'capacity 最小为 1' }) @Max(5000, { message: 'capacity 最大为 5000' }) capacity!: number;
  @ApiProperty({ example: '08:30' }) @Matches(/^([01]\d|2[0-3]):[03]0$/, { message: 'opensAt 须为整点或半点，如 08:30' }) opensAt!: string;
  @ApiProperty({ example: '21:00' }) @Matches(/^([01]\d|2[0-3]):[03]0$|^24:00$/, { message: 'closesAt 须为整点或半点，如 21:00' }) closesAt!: string;
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] })
  @IsArray({ message: 'openDays 须为数组' })
  @ArrayMinSize(1, { message: 'openDays 至少一天' })
  @ArrayMaxSize(7, { message: 'openDays 最多 7 天' })
  @IsInt({ each: true, message: 'openDays 每一项须为 1-7 的整数' })
  @Min(1, { each: true, message: 'openDays 每一项须为 1-7 的整数' })
  @Max(7, { each: true, message: 'openDays 每一项须为 1-7 的整数' })
  openDays!: number[];
}
