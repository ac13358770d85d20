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
