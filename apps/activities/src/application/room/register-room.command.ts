import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoomRegistered, RoomRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideRoomRegistration, Room, ServiceCentre } from '../../domain/room/room';
import { Rooms, ServiceCentres } from '../../infrastructure/aggregates';

/** 登记功能室 */
export class RegisterRoom {
  constructor(readonly data: Omit<RoomRegisteredData, 'districtId' | 'subDistrictId' | 'zoneId'>, readonly context: CommandContext) {}
}

@CommandHandler(RegisterRoom)
export class RegisterRoomHandler implements ICommandHandler<RegisterRoom, Room> {
  constructor(
    @InjectAggregate(Rooms) private readonly rooms: AggregateRepository<Room>,
    @InjectAggregate(ServiceCentres) private readonly centres: AggregateRepository<ServiceCentre>,
  ) {}

  async execute({ data, context }: RegisterRoom): Promise<Room> {
    const centre = (await this.centres.load(data.centreId)).state;
    const { state } = await this.rooms.decideAndSave(
      data.roomId,
      (loaded) => ({ definition: RoomRegistered, data: decideRoomRegistration(loaded.state, centre, data) }),
      context,
    );
    return state;
  }
}
