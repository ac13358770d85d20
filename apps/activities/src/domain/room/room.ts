import type { EventEnvelope, RoomBookedData, RoomBookingCancelledData, RoomRegisteredData, ServiceCentreRegisteredData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { HALF_HOUR_MS, HOUR_MS, hhmmToMinutes, localDateKey, localLabel, localMinuteOfDay, localWeekday } from '../shared/time';

/** 党群服务中心 */
export type ServiceCentre = ServiceCentreRegisteredData & { registeredAt: string };
/** 功能室 */
export type Room = RoomRegisteredData & { registeredAt: string };
/** 功能室预约 */
export type RoomBooking = RoomBookedData & { status: 'BOOKED' | 'CANCELLED'; cancelReason: string | null; bookedAt: string };

/** Bookings are made in whole half-hour slots; the slot is also the unit of the uniqueness claim that keeps bookings apart. */
export const SLOT_MS = HALF_HOUR_MS;
export const MAX_BOOKING_MS = 12 * HOUR_MS;

export function evolveServiceCentre(state: ServiceCentre | null, event: EventEnvelope): ServiceCentre {
  if (event.type === 'activities.ServiceCentreRegistered.v1') return { ...(event.data as unknown as ServiceCentreRegisteredData), registeredAt: event.time };
  throw new Error(`ServiceCentre cannot apply ${event.type}`);
}

export function evolveRoom(state: Room | null, event: EventEnvelope): Room {
  if (event.type === 'activities.RoomRegistered.v1') return { ...(event.data as unknown as RoomRegisteredData), registeredAt: event.time };
  throw new Error(`Room cannot apply ${event.type}`);
}

export function evolveBooking(state: RoomBooking | null, event: EventEnvelope): RoomBooking {
  switch (event.type) {
    case 'activities.RoomBooked.v1':
      return { ...(event.data as unknown as RoomBookedData), status: 'BOOKED', cancelReason: null, bookedAt: event.time };
    case 'activities.RoomBookingCancelled.v1':
      if (!state) throw new Error(`${event.type} before RoomBooked`);
      return { ...state, status: 'CANCELLED', cancelReason: (event.data as unknown as RoomBookingCancelledData).reason };
    default:
      throw new Error(`RoomBooking cannot apply ${event.type}`);
  }
}

export function decideCentreRegistration(existing: ServiceCentre | null, request: ServiceCentreRegisteredData): ServiceCentreRegisteredData {
  if (existing) throw new DomainError('conflict', 'SERVICE_CENTRE_EXISTS', `党群服务中心 ${request.centreId} 已登记`, { centreId: request.centreId });
  return { ...request, name: request.name.trim() };
}

/** A room belongs to a registered centre and takes its jurisdiction; it opens for at least one slot a day. */
export function decideRoomRegistration(
  existing: Room | null,
  centre: ServiceCentre | null,
  request: Omit<RoomRegisteredData, 'districtId' | 'subDistrictId' | 'zoneId'>,
): RoomRegisteredData {
  if (existing) throw new DomainError('conflict', 'ROOM_EXISTS', `功能室 ${request.roomId} 已登记`, { roomId: request.roomId });
  if (!centre) throw new DomainError('invalid', 'SERVICE_CENTRE_NOT_FOUND', `党群服务中心 ${request.centreId} 不存在`, { centreId: request.centreId });
  if (hhmmToMinutes(request.closesAt) <= hhmmToMinutes(request.opensAt)) {
    throw new DomainError('invalid', 'CLOSES_BEFORE_OPENING', 'closesAt 必须晚于 opensAt', { opensAt: request.opensAt, closesAt: request.closesAt });
  }
  return {
    ...request,
    name: request.name.trim(),
    openDays: [...new Set(request.openDays)].sort(),
    districtId: centre.districtId,
    subDistrictId: centre.subDistrictId,
    zoneId: centre.zoneId,
  };
}

export interface BookingRequest {
  bookingId: string;
  startsAt: string;
  endsAt: string;
  purpose: string;
  organizationId: string | null;
  activityId: string | null;
}

/**
 * A booking covers whole half-hour slots inside the room's opening hours on one open day, and
 * starts in the future. Whether it overlaps another booking is settled by the slot claims, not here.
 */
export function decideBooking(existing: RoomBooking | null, room: Room | null, roomId: string, request: BookingRequest, now: Date): RoomBookedData {
  if (!room) throw new DomainError('not_found', 'ROOM_NOT_FOUND', `功能室 ${roomId} 不存在`, { roomId });
  if (existing) throw new DomainError('conflict', 'BOOKING_EXISTS', `预约 ${request.bookingId} 已存在`, { bookingId: request.bookingId });
  const start = new Date(request.startsAt);
  const end = new Date(request.endsAt);
  if (!(end.getTime() > start.getTime())) throw new DomainError('invalid', 'ENDS_BEFORE_START', 'endsAt 必须晚于 startsAt', {});
  if (start.getTime() % SLOT_MS !== 0 || end.getTime() % SLOT_MS !== 0) {
    throw new DomainError('invalid', 'NOT_ON_SLOT_BOUNDARY', '预约须以整半小时为单位（开始和结束时间为整点或半点）', {});
  }
  if (end.getTime() - start.getTime() > MAX_BOOKING_MS) throw new DomainError('invalid', 'BOOKING_TOO_LONG', '单次预约不能超过 12 小时', {});
  if (start.getTime() < now.getTime()) throw new DomainError('invalid', 'BOOKING_IN_PAST', '不能预约已经过去的时段', { startsAt: start.toISOString() });
  assertRoomOpen(room, roomId, start, end);
  return {
    bookingId: request.bookingId,
    roomId,
    centreId: room.centreId,
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    purpose: request.purpose.trim(),
    organizationId: request.organizationId,
    activityId: request.activityId,
    districtId: room.districtId,
    subDistrictId: room.subDistrictId,
    zoneId: room.zoneId,
  };
}

/** Whether [start, end) lies inside the room's opening hours on one of its open days (local time). */
function assertRoomOpen(room: Room, roomId: string, start: Date, end: Date): void {
  const lastMinute = new Date(end.getTime() - 1);
  const sameDay = localDateKey(start) === localDateKey(lastMinute);
  const opens = hhmmToMinutes(room.opensAt);
  const closes = hhmmToMinutes(room.closesAt);
  const endMinute = localMinuteOfDay(lastMinute) + 1;
  if (!room.openDays.includes(localWeekday(start)) || !sameDay || localMinuteOfDay(start) < opens || endMinute > closes) {
    throw new DomainError('invalid', 'OUTSIDE_OPENING_HOURS', `${room.name}的开放时间为每周${room.openDays.join('、')} ${room.opensAt}–${room.closesAt}`, {
      roomId,
      opensAt: room.opensAt,
      closesAt: room.closesAt,
      openDays: room.openDays,
    });
  }
}

/**
 * 活动占用功能室: an activity held in a room reserves every half-hour slot it touches (a 09:15
 * start takes the 09:00 slot) under the room's rules for bookings: opening hours on an open day.
 * Past times stay allowed, as for the activity itself (补录); the clash check is the slot claims'.
 */
export function decideRoomReservation(room: Room | null, roomId: string, startsAt: string, endsAt: string): { slots: string[] } {
  if (!room) throw new DomainError('invalid', 'ROOM_NOT_FOUND', `功能室 ${roomId} 不存在`, { roomId });
  const slots = coveringSlots(startsAt, endsAt);
  assertRoomOpen(room, roomId, new Date(slots[0]), new Date(Date.parse(slots[slots.length - 1]) + SLOT_MS));
  return { slots };
}

/** Every half-hour slot that [startsAt, endsAt) touches, earliest first. */
export function coveringSlots(startsAt: string, endsAt: string): string[] {
  const start = Math.floor(Date.parse(startsAt) / SLOT_MS) * SLOT_MS;
  const end = Math.ceil(Date.parse(endsAt) / SLOT_MS) * SLOT_MS;
  return slotsOf(new Date(start).toISOString(), new Date(end).toISOString());
}

/** The half-hour slots a booking occupies, earliest first (every claimant claims in the same order). */
export function slotsOf(startsAt: string, endsAt: string): string[] {
  const slots: string[] = [];
  for (let t = Date.parse(startsAt); t < Date.parse(endsAt); t += SLOT_MS) slots.push(new Date(t).toISOString());
  return slots;
}

export interface ClashingActivity {
  activityId: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

/** The 409 for a taken slot, naming the booking or the activity that holds it. */
export function slotClashError(
  room: { roomId: string; name?: string },
  slotStart: string,
  clashing: { bookingId: string; startsAt: string; endsAt: string } | null,
  clashingActivity: ClashingActivity | null = null,
): DomainError {
  const slotEnd = new Date(Date.parse(slotStart) + SLOT_MS).toISOString();
  const label = `${localLabel(new Date(slotStart))}–${localLabel(new Date(slotEnd)).slice(11)}`;
  const by = clashingActivity ? `已被活动“${clashingActivity.title}”（${clashingActivity.activityId}）占用` : '已被预约';
  return new DomainError('conflict', 'ROOM_SLOT_TAKEN', `${room.name ?? room.roomId} 在 ${label} ${by}`, {
    roomId: room.roomId,
    clashingSlot: { startsAt: slotStart, endsAt: slotEnd },
    clashingBooking: clashing,
    clashingActivity,
  });
}

export function decideBookingCancel(booking: RoomBooking | null, bookingId: string, reason: string, now: Date): RoomBookingCancelledData {
  if (!booking) throw new DomainError('not_found', 'BOOKING_NOT_FOUND', `预约 ${bookingId} 不存在`, { bookingId });
  if (booking.status === 'CANCELLED') throw new DomainError('conflict', 'BOOKING_STATE_CONFLICT', '预约当前状态为“已取消”，不能再取消', { bookingId, status: booking.status });
  if (Date.parse(booking.endsAt) <= now.getTime()) {
    throw new DomainError('conflict', 'BOOKING_STATE_CONFLICT', '预约时段已结束，不能取消', { bookingId, status: booking.status });
  }
  return { bookingId, roomId: booking.roomId, reason: reason.trim() };
}
