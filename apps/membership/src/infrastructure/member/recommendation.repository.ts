import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { evolveRecommendation, Recommendation } from '../../domain/member/recommendation';
import { RECOMMENDATION_SNAPSHOT, RecommendationSnapshot } from './recommendation.snapshot';

@Injectable()
export class RecommendationRepository extends AggregateRepository<Recommendation> {
  constructor(@InjectModel(RECOMMENDATION_SNAPSHOT) snapshots: Model<RecommendationSnapshot>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(snapshots, store, { type: 'Recommendation', evolve: evolveRecommendation });
    catchUp.register(this as unknown as AggregateRepository<object>);
  }
}
