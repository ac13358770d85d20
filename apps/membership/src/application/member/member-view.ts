import { ForbiddenException } from '@nestjs/common';
import { Actor, seesPersonalData, withhold } from '@pb/platform';
import type { Member } from '../../domain/member/member';
import { birthDateOf, maskIdNumber, maskPhone } from '../../domain/member/id-number';
import type { PersonalData } from '../../infrastructure/member/member-personal-data';

export type MemberView = Member & {
  version: number;
  idNumber: string | null;
  phone: string | null;
  /** Only with the numbers revealed: it is part of the ID number. */
  birthDate?: string;
  revealed: boolean;
};

/** What callers see: ID and phone numbers masked unless `reveal` (checked by the caller's role). */
export function toMemberView(member: Member & { version: number }, personal: PersonalData | undefined, reveal: boolean): MemberView {
  const view: MemberView = {
    ...member,
    idNumber: personal ? (reveal ? personal.idNumber : maskIdNumber(personal.idNumber)) : null,
    phone: personal ? (reveal ? personal.phone : maskPhone(personal.phone)) : null,
    revealed: reveal && !!personal,
  };
  if (reveal && personal) view.birthDate = birthDateOf(personal.idNumber);
  return view;
}

/** The fields that say who a person is: never shown to a role without the need to know. */
export const PERSONAL_FIELDS = ['name', 'employerName', 'employerCreditCode', 'idNumber', 'phone', 'birthDate'] as const;

export type WithheldMemberView = Omit<MemberView, (typeof PERSONAL_FIELDS)[number]> & { personalDataWithheld: true };

/**
 * 数据分析人员 work from the pseudonymised analyst streams: membership answers them nothing
 * about people (members, applicants, transfers, declarations, recommendations). Called first
 * in those queries, before anything is read.
 */
export function assertMayReadPeople(actor: Actor): void {
  if (actor.role === 'ANALYST') throw new ForbiddenException('数据分析人员不能查看党员等个人信息，请使用假名化的分析事件流（analyst.*）');
}

/** A record without the fields that identify its person (grid workers, enterprise contacts). */
export function withholdPersonalData<T extends object>(record: T): Omit<T, (typeof PERSONAL_FIELDS)[number]> & { personalDataWithheld: true } {
  return withhold(record as T & Record<(typeof PERSONAL_FIELDS)[number], unknown>, PERSONAL_FIELDS);
}

/** The member as this caller may see it. */
export function memberViewFor(actor: Actor, view: MemberView): MemberView | WithheldMemberView {
  return seesPersonalData(actor) ? view : withholdPersonalData(view);
}
