import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Collection, Connection } from 'mongoose';
import { MemberDataProtection } from '../member/member-data-protection';

/** The declarer's phone, encrypted like members' numbers, kept out of the event. */
@Injectable()
export class IdentityDeclarationContacts {
  private readonly contacts: Collection<{ _id: string; phone: string }>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(MemberDataProtection) private readonly protection: MemberDataProtection,
  ) {
    this.contacts = connection.collection('identity_declaration_contacts');
  }

  async storePhone(declarationId: string, phone: string): Promise<void> {
    const sealed = this.protection.encrypt(phone, `${declarationId}/phone`);
    await this.contacts.updateOne({ _id: declarationId }, { $setOnInsert: { phone: sealed } }, { upsert: true });
  }

  async readPhone(declarationId: string): Promise<string | null> {
    const found = await this.contacts.findOne({ _id: declarationId });
    return found ? this.protection.decrypt(found.phone, `${declarationId}/phone`) : null;
  }
}
