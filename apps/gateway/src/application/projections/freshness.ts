import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope } from '@pb/contracts';
import { SOURCE_FRESHNESS, SourceFreshness } from '../../infrastructure/read-models/source-freshness';

@Injectable()
export class Freshness {
  constructor(@InjectModel(SOURCE_FRESHNESS) private readonly model: Model<SourceFreshness>) {}

  /** `$max` keeps the newest time whatever order events arrive in, so replays are harmless. */
  async saw(event: EventEnvelope): Promise<void> {
    const context = event.source.split('/').pop()!;
    await this.model.updateOne({ _id: context }, { $max: { lastEventTime: new Date(event.time) } }, { upsert: true }).exec();
  }

  async all(): Promise<Record<string, string>> {
    const docs = await this.model.find().lean<SourceFreshness[]>().exec();
    return Object.fromEntries(docs.map((d) => [d._id, new Date(d.lastEventTime).toISOString()]));
  }
}
