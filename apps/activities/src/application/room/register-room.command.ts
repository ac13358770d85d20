import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoomRegistered, RoomRegisteredData } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideRoomRegistration, Room } from '../../domain/room/room';
import { RoomRepository, ServiceCentreRepository } from '../../infrastructure/snapshots/repositories';

/** 登记功能室 */
export class RegisterRoom {
  constructor(readonly data: Omit<RoomRegisteredData, 'districtId' | 'subDistrictId' | 'zoneId'>, readonly context: CommandContext) {}
}

@CommandHandler(RegisterRoom)
export class RegisterRoomHandler implements ICommandHandler<RegisterRoom, Room> {
  constructor(private readonly rooms: RoomRepository, private readonly centres: ServiceCentreRepository) {}

  async execute({ data, context }: RegisterRoom): Promise<Room> {
    const loaded = await this.rooms.load(data.roomId);
    const centre = (await this.centres.load(data.centreId)).state;
    const decided = decideRoomRegistration(loaded.state, centre, data);
    return (await this.rooms.save(loaded, { definition: RoomRegistered, data: decided, jurisdiction: { districtId: decided.districtId, zoneId: decided.zoneId ?? '' } }, context)).state;
  }
}
