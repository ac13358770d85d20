import { BookRoomHandler } from './book-room.command';
import { CancelBookingHandler } from './cancel-booking.command';
import { ListRoomBookingsHandler } from './list-room-bookings.query';
import { RegisterRoomHandler } from './register-room.command';
import { RegisterServiceCentreHandler } from './register-service-centre.command';

/** 党群服务中心 service centres and rooms: the handlers of every use case. */
export const ROOM_HANDLERS = [BookRoomHandler, CancelBookingHandler, RegisterRoomHandler, RegisterServiceCentreHandler, ListRoomBookingsHandler];
