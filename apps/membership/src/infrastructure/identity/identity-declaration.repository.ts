import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Collection, Connection, Model } from 'mongoose';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { evolveIdentityDeclaration, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { MemberDataProtection } from '../member/member-data-protection';
import { IDENTITY_DECLARATION_SNAPSHOT, IdentityDeclarationSnapshot } from './identity-declaration.snapshot';

@Injectable()
export class IdentityDeclarationRepository extends AggregateRepository<IdentityDeclaration> {
  private readonly contacts: Collection<{ _id: string; phone: string }>;

  constructor(
    @InjectModel(IDENTITY_DECLARATION_SNAPSHOT) snapshots: Model<IdentityDeclarationSnapshot>,
    store: EventStore,
    catchUp: SnapshotCatchUp,
    @InjectConnection() connection: Connection,
    @Inject(MemberDataProtection) private readonly protection: MemberDataProtection,
  ) {
    super(snapshots, store, { type: 'IdentityDeclaration', evolve: evolveIdentityDeclaration });
    catchUp.register(this as unknown as AggregateRepository<object>);
    this.contacts = connection.collection('identity_declaration_contacts');
  }

  /** The declarer's phone, encrypted like members' numbers, kept out of the event. */
  async storePhone(declarationId: string, phone: string): Promise<void> {
    const sealed = this.protection.encrypt(phone, `${declarationId}/phone`);
    await this.contacts.updateOne({ _id: declarationId }, { $setOnInsert: { phone: sealed } }, { upsert: true });
  }

  async readPhone(declarationId: string): Promise<string | null> {
    const found = await this.contacts.findOne({ _id: declarationId });
    return found ? this.protection.decrypt(found.phone, `${declarationId}/phone`) : null;
  }
}
