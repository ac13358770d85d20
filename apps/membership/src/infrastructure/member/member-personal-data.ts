import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Collection, Connection } from 'mongoose';
import { DomainError } from '@pb/platform/domain-error';
import { insertManyTolerant } from '@pb/platform/insert-many';
import { retry } from '@pb/platform/retry';
import { MemberDataProtection } from './member-data-protection';
import { isDuplicateKey } from '@pb/platform';
import { findEach } from '@pb/platform/find-each';

/** A claim whose member never got stored (the process died in between) is free again after this. */
const ABANDONED_CLAIM_MS = 60_000;

/** The claim holding the number went away (released, or abandoned and removed): worth one more try. */
class ClaimFreed extends Error {}

/**
 * The ID number is another member's. The holder's id is for the application to decide
 * whether the caller may be told (only inside the caller's jurisdiction): it is never
 * part of the message of this error.
 */
export class IdNumberTaken extends Error {
  constructor(readonly holderMemberId: string) {
    super('ID number already registered');
    this.name = 'IdNumberTaken';
  }
}

interface IdNumberClaim {
  _id: string; // blind index of the ID number
  memberId: string;
  claimedAt: Date;
}

interface PersonalRecord {
  _id: string; // memberId
  idNumber: string; // sealed
  phone: string; // sealed
  idIndex: string;
  /** Blind index of the phone number (exact search); records stored before it have none until the backfill. */
  phoneIndex?: string;
  storedAt: Date;
}

export interface PersonalData {
  idNumber: string;
  phone: string;
}

/**
 * ID and phone numbers live here, encrypted, never in events or snapshots.
 * `member_id_numbers` is the city-wide uniqueness guard: its _id is the ID
 * number's blind index, so of two concurrent registrations of one number
 * exactly one insert succeeds.
 */
@Injectable()
export class MemberPersonalData implements OnModuleInit {
  private readonly logger = new Logger(MemberPersonalData.name);
  private readonly claims: Collection<IdNumberClaim>;
  private readonly records: Collection<PersonalRecord>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(MemberDataProtection) private readonly protection: MemberDataProtection,
  ) {
    this.claims = connection.collection<IdNumberClaim>('member_id_numbers');
    this.records = connection.collection<PersonalRecord>('member_personal_data');
  }

  /** The phone search reads by the phone's blind index; records from before it get theirs here. */
  async onModuleInit(): Promise<void> {
    await this.records.createIndex({ phoneIndex: 1 });
    await this.backfillPhoneIndex();
  }

  /** Computes the phone's blind index of records stored without one (a migration: once per record). */
  async backfillPhoneIndex(): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await this.records
        .find({ phoneIndex: { $exists: false } })
        .limit(500)
        .toArray();
      if (batch.length === 0) break;
      for (const r of batch) {
        const phone = this.protection.decrypt(r.phone, `${r._id}/phone`);
        await this.records.updateOne({ _id: r._id, phone: r.phone }, { $set: { phoneIndex: this.protection.blindIndex('phone', phone) } });
      }
      done += batch.length;
    }
    if (done > 0) this.logger.log(`phone blind index computed for ${done} member records stored before it`);
    return done;
  }

  /**
   * Reserves the ID number for the member, or throws IdNumberTaken with the member
   * holding it. `isOnRecord` tells whether a claim's member was really stored.
   */
  async claim(idNumber: string, memberId: string, isOnRecord: (memberId: string) => Promise<boolean>, now: Date): Promise<void> {
    const index = this.protection.blindIndex('idNumber', idNumber);
    try {
      await retry(
        async () => {
          try {
            await this.claims.insertOne({ _id: index, memberId, claimedAt: now });
            return;
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
          }
          const holder = await this.claims.findOne({ _id: index });
          if (!holder) throw new ClaimFreed();
          if (holder.memberId === memberId) {
            throw new DomainError('conflict', 'MEMBER_EXISTS', `党员 ${memberId} 已登记`, { memberId });
          }
          const abandoned = now.getTime() - new Date(holder.claimedAt).getTime() > ABANDONED_CLAIM_MS && !(await isOnRecord(holder.memberId));
          if (abandoned) {
            await this.claims.deleteOne({ _id: index, memberId: holder.memberId, claimedAt: holder.claimedAt });
            throw new ClaimFreed();
          }
          throw new IdNumberTaken(holder.memberId);
        },
        { attempts: 2, retryIf: (error) => error instanceof ClaimFreed },
      );
    } catch (error) {
      if (error instanceof ClaimFreed) throw new DomainError('conflict', 'ID_NUMBER_TAKEN', '该身份证号正在被另一登记占用，请稍后重试', { field: 'idNumber' });
      throw error;
    }
  }

  /** Stores the member's numbers encrypted; a second record for the same member is a 409. */
  async store(memberId: string, data: PersonalData, now: Date): Promise<void> {
    try {
      await this.records.insertOne({
        _id: memberId,
        idNumber: this.protection.encrypt(data.idNumber, `${memberId}/idNumber`),
        phone: this.protection.encrypt(data.phone, `${memberId}/phone`),
        idIndex: this.protection.blindIndex('idNumber', data.idNumber),
        phoneIndex: this.protection.blindIndex('phone', data.phone),
        storedAt: now,
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', 'MEMBER_EXISTS', `党员 ${memberId} 已登记`, { memberId });
      throw error;
    }
  }

  /** Undoes claim and record of a registration whose event could not be stored. */
  async release(memberId: string, idNumber: string, alsoRecord: boolean): Promise<void> {
    const index = this.protection.blindIndex('idNumber', idNumber);
    if (alsoRecord) await this.records.deleteOne({ _id: memberId, idIndex: index });
    await this.claims.deleteOne({ _id: index, memberId });
  }

  /**
   * The bulk import's claims: one insertMany. Returns, per member, null when the
   * number is now theirs, or the member already holding it.
   */
  async claimMany(items: { memberId: string; idNumber: string }[], now: Date): Promise<Map<string, string | null>> {
    const outcome = new Map<string, string | null>();
    if (items.length === 0) return outcome;
    const docs = items.map((i) => ({ _id: this.protection.blindIndex('idNumber', i.idNumber), memberId: i.memberId, claimedAt: now }));
    const failed = await insertManyTolerant(this.claims, docs);
    const holders = new Map<string, string>();
    if (failed.size > 0) {
      const taken = [...failed].map((i) => docs[i]!._id);
      for (const h of await findEach(taken, (id) => this.claims.findOne({ _id: id }))) holders.set(h._id, h.memberId);
    }
    docs.forEach((d, i) => outcome.set(d.memberId, failed.has(i) ? (holders.get(d._id) ?? '?') : null));
    return outcome;
  }

  /** The bulk import's encrypted numbers: one insertMany; returns the members whose record already existed. */
  async storeMany(items: { memberId: string; idNumber: string; phone: string }[], now: Date): Promise<Set<string>> {
    const docs = items.map((i) => ({
      _id: i.memberId,
      idNumber: this.protection.encrypt(i.idNumber, `${i.memberId}/idNumber`),
      phone: this.protection.encrypt(i.phone, `${i.memberId}/phone`),
      idIndex: this.protection.blindIndex('idNumber', i.idNumber),
      phoneIndex: this.protection.blindIndex('phone', i.phone),
      storedAt: now,
    }));
    const failed = await insertManyTolerant(this.records, docs);
    return new Set([...failed].map((i) => docs[i]!._id));
  }

  /** Clear numbers of these members (to mask or, for those entitled, reveal). */
  async read(memberIds: string[]): Promise<Map<string, PersonalData>> {
    const found = new Map<string, PersonalData>();
    if (memberIds.length === 0) return found;
    for (const r of await findEach(memberIds, (id) => this.records.findOne({ _id: id }))) {
      found.set(r._id, { idNumber: this.protection.decrypt(r.idNumber, `${r._id}/idNumber`), phone: this.protection.decrypt(r.phone, `${r._id}/phone`) });
    }
    return found;
  }

  /** The member holding this ID number, through its blind index (never by reading clear numbers). */
  async memberWithIdNumber(idNumber: string): Promise<string | null> {
    const claim = await this.claims.findOne({ _id: this.protection.blindIndex('idNumber', idNumber) });
    return claim?.memberId ?? null;
  }

  /** The members with this phone number, through its blind index (a number may be on several records). */
  async membersWithPhone(phone: string, limit: number): Promise<string[]> {
    const found = await this.records
      .find({ phoneIndex: this.protection.blindIndex('phone', phone) }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return found.map((r) => r._id);
  }

  /**
   * Replaces the member's phone number (修改党员信息). Returns how to put the previous one back,
   * for a correction whose event could not be stored.
   */
  async replacePhone(memberId: string, phone: string): Promise<() => Promise<void>> {
    const before = await this.records.findOne({ _id: memberId });
    if (!before) throw new DomainError('not_found', 'PERSONAL_DATA_NOT_FOUND', `党员 ${memberId} 没有登记身份证号和手机号`, { memberId });
    await this.records.updateOne({ _id: memberId }, { $set: { phone: this.protection.encrypt(phone, `${memberId}/phone`), phoneIndex: this.protection.blindIndex('phone', phone) } });
    return async () => {
      await this.records.updateOne({ _id: memberId }, { $set: { phone: before.phone, phoneIndex: before.phoneIndex ?? this.protection.blindIndex('phone', phone) } });
    };
  }

  /**
   * 更正身份证号: claims the new number (IdNumberTaken when another member holds it), stores it
   * encrypted with its blind index, and returns `commit` (frees the old number's claim, once the
   * event is stored) and `undo` (puts everything back, when it could not be).
   */
  async replaceIdNumber(
    memberId: string,
    idNumber: string,
    isOnRecord: (memberId: string) => Promise<boolean>,
    now: Date,
  ): Promise<{ commit: () => Promise<void>; undo: () => Promise<void> }> {
    const before = await this.records.findOne({ _id: memberId });
    if (!before) throw new DomainError('not_found', 'PERSONAL_DATA_NOT_FOUND', `党员 ${memberId} 没有登记身份证号和手机号`, { memberId });
    await this.claim(idNumber, memberId, isOnRecord, now);
    const index = this.protection.blindIndex('idNumber', idNumber);
    try {
      await this.records.updateOne({ _id: memberId }, { $set: { idNumber: this.protection.encrypt(idNumber, `${memberId}/idNumber`), idIndex: index } });
    } catch (error) {
      await this.claims.deleteOne({ _id: index, memberId });
      throw error;
    }
    return {
      commit: async () => {
        await this.claims.deleteOne({ _id: before.idIndex, memberId });
      },
      undo: async () => {
        await this.records.updateOne({ _id: memberId }, { $set: { idNumber: before.idNumber, idIndex: before.idIndex } });
        await this.claims.deleteOne({ _id: index, memberId });
      },
    };
  }
}
