import { defineEvent } from '../event-definition';
import { ActivitiesJurisdiction, id, instant, JURISDICTION_FIELDS, jurisdictionProps, optionalId, text } from './common';

/** 功能室类型 */
export const ROOM_KINDS = [
  'ACTIVITY_ROOM', // 党员活动室
  'PARTY_SPIRIT_CHECKUP', // 党性体检小屋
  'STRESS_RELIEF', // 心理减压室
  'EXHIBITION_HALL', // 展厅（青春风采展、多功能展厅）
  'MEETING_ROOM', // 会议室
] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export interface ServiceCentreRegisteredData extends ActivitiesJurisdiction {
  centreId: string;
  name: string;
  areaM2: number;
  address: string;
}

/** 党群服务中心登记 */
export const ServiceCentreRegistered = defineEvent<ServiceCentreRegisteredData>({
  context: 'activities',
  name: 'ServiceCentreRegistered',
  version: 1,
  aggregateType: 'ServiceCentre',
  description: { zh: '党群服务中心已登记（面积、地址、所属片区）。', en: 'A Party-mass service centre was registered.' },
  schema: {
    type: 'object',
    required: ['centreId', 'name', 'areaM2', 'address', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: { centreId: id, name: text(100), areaM2: { type: 'integer', minimum: 1, maximum: 1000000 }, address: text(200), ...jurisdictionProps },
  },
  personalFields: [],
  example: {
    centreId: 'centre-software-park',
    name: '济宁软件园党群服务中心',
    areaM2: 1500,
    address: '济宁高新区软件园',
    districtId: 'gaoxin',
    subDistrictId: 'gaoxin-huangtun',
    zoneId: 'zone-software-park',
  },
});

export interface RoomRegisteredData extends ActivitiesJurisdiction {
  roomId: string;
  centreId: string;
  name: string;
  kind: RoomKind;
  capacity: number;
  /** Opening hours, local time (Asia/Shanghai) 'HH:MM'; bookings fall inside them. */
  opensAt: string;
  closesAt: string;
  /** ISO weekdays the room opens (1 = Monday … 7 = Sunday). */
  openDays: number[];
}

/** 功能室登记 */
export const RoomRegistered = defineEvent<RoomRegisteredData>({
  context: 'activities',
  name: 'RoomRegistered',
  version: 1,
  aggregateType: 'Room',
  description: { zh: '党群服务中心的功能室已登记（类型、容量、开放时间）。', en: 'A service-centre room was registered with its kind, capacity and opening hours.' },
  schema: {
    type: 'object',
    required: ['roomId', 'centreId', 'name', 'kind', 'capacity', 'opensAt', 'closesAt', 'openDays', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      roomId: id,
      centreId: id,
      name: text(100),
      kind: { enum: [...ROOM_KINDS] },
      capacity: { type: 'integer', minimum: 1, maximum: 5000 },
      opensAt: { type: 'string', pattern: '^([01]\\d|2[0-3]):[03]0$' },
      closesAt: { type: 'string', pattern: '^([01]\\d|2[0-4]):[03]0$' },
      openDays: { type: 'array', minItems: 1, maxItems: 7, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 7 } },
      ...jurisdictionProps,
    },
  },
  personalFields: [],
  example: {
    roomId: 'room-sp-activity',
    centreId: 'centre-software-park',
    name: '党员活动室',
    kind: 'ACTIVITY_ROOM',
    capacity: 60,
    opensAt: '08:30',
    closesAt: '21:00',
    openDays: [1, 2, 3, 4, 5, 6],
    districtId: 'gaoxin',
    subDistrictId: 'gaoxin-huangtun',
    zoneId: 'zone-software-park',
  },
});

export interface RoomBookedData extends ActivitiesJurisdiction {
  bookingId: string;
  roomId: string;
  centreId: string;
  startsAt: string;
  endsAt: string;
  purpose: string;
  organizationId: string | null;
  activityId: string | null;
}

/** 功能室预约 */
export const RoomBooked = defineEvent<RoomBookedData>({
  context: 'activities',
  name: 'RoomBooked',
  version: 1,
  aggregateType: 'RoomBooking',
  description: { zh: '功能室已预约（时段与其他预约不重叠）。', en: 'A room was booked for a time that overlaps no other booking.' },
  schema: {
    type: 'object',
    required: ['bookingId', 'roomId', 'centreId', 'startsAt', 'endsAt', 'purpose', 'organizationId', 'activityId', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      bookingId: id,
      roomId: id,
      centreId: id,
      startsAt: instant,
      endsAt: instant,
      purpose: text(200),
      organizationId: optionalId,
      activityId: optionalId,
      ...jurisdictionProps,
    },
  },
  personalFields: [],
  example: {
    bookingId: 'bk-0001',
    roomId: 'room-sp-activity',
    centreId: 'centre-software-park',
    startsAt: '2026-05-12T06:00:00.000Z',
    endsAt: '2026-05-12T08:00:00.000Z',
    purpose: '青年党员读书会',
    organizationId: 'org-software-park-joint',
    activityId: null,
    districtId: 'gaoxin',
    subDistrictId: 'gaoxin-huangtun',
    zoneId: 'zone-software-park',
  },
});

export interface RoomBookingCancelledData {
  bookingId: string;
  roomId: string;
  reason: string;
}

/** 取消预约 */
export const RoomBookingCancelled = defineEvent<RoomBookingCancelledData>({
  context: 'activities',
  name: 'RoomBookingCancelled',
  version: 1,
  aggregateType: 'RoomBooking',
  description: { zh: '功能室预约已取消，时段释放。', en: 'A room booking was cancelled and its time freed.' },
  schema: {
    type: 'object',
    required: ['bookingId', 'roomId', 'reason'],
    additionalProperties: false,
    properties: { bookingId: id, roomId: id, reason: text(200) },
  },
  personalFields: [],
  example: { bookingId: 'bk-0001', roomId: 'room-sp-activity', reason: '活动改期' },
});
