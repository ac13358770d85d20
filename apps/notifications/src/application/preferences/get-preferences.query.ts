import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Actor } from '@pb/platform';
import { PREFERENCES, Preferences } from '../../infrastructure/preferences.collection';
import { preferencesView } from './channel-preferences';

export class GetPreferences {
  constructor(readonly actor: Actor) {}
}

/** 通知设置: every rule with its WEBHOOK and DIGEST switches as they apply to me (defaults where I set none). */
@QueryHandler(GetPreferences)
export class GetPreferencesHandler implements IQueryHandler<GetPreferences> {
  constructor(@InjectModel(PREFERENCES) private readonly preferences: Model<Preferences>) {}

  async execute({ actor }: GetPreferences) {
    const found = await this.preferences.findById(actor.userId).lean<Preferences>().exec();
    return preferencesView(found?.entries ?? []);
  }
}
