import { Injectable, Type } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { EventEnvelope, OrganizationLifeOverdueData } from '@pb/contracts';
import { AggregateRepository, ConcurrencyConflictError, EventStore, Loaded, PendingEvent, SnapshotCatchUp, CommandContext } from '@pb/messaging';
import { Activity, evolveActivity } from '../../domain/activity/activity';
import { evolveHoursClaim, HoursClaim } from '../../domain/volunteer/hours-claim';
import { evolvePledge, evolvePost, Pledge, VanguardPost } from '../../domain/pledge/pledge';
import {
  Assessment,
  evolveAssessment,
  evolveHonour,
  evolvePointsRules,
  evolveRecommendation,
  Honour,
  PointsRules,
  Recommendation,
} from '../../domain/recognition/recognition';
import { evolveBooking, evolveRoom, evolveServiceCentre, Room, RoomBooking, ServiceCentre } from '../../domain/room/room';
import { AggregateTypeName, SNAPSHOTS } from './snapshot-models';

type Evolve<S> = (state: S | null, event: EventEnvelope) => S;

/** One repository class per aggregate type, all alike: event stream + snapshot collection. */
function repositoryFor<S extends object>(type: AggregateTypeName, evolve: Evolve<S>): Type<AggregateRepository<S>> {
  @Injectable()
  class Repository extends AggregateRepository<S> {
    constructor(@InjectModel(SNAPSHOTS[type].name) snapshots: Model<never>, store: EventStore, catchUp: SnapshotCatchUp) {
      super(snapshots as never, store, { type, evolve });
      catchUp.register(this as unknown as AggregateRepository<object>);
    }

    /**
     * For commands many people send at once to one aggregate (sign-ups, check-ins): a lost race
     * reloads and decides again against the new state, a few times, before answering 409.
     */
    async decideAndSave<T>(id: string, decide: (loaded: Loaded<S>) => PendingEvent<T>, context: CommandContext, attempts = 5): Promise<S> {
      for (let attempt = 1; ; attempt++) {
        const loaded = await this.load(id);
        try {
          return (await this.save(loaded, decide(loaded), context)).state;
        } catch (error) {
          if (!(error instanceof ConcurrencyConflictError) || attempt >= attempts) throw error;
        }
      }
    }
  }
  return Repository;
}

export type RetryingRepository<S extends object> = AggregateRepository<S> & {
  decideAndSave<T>(id: string, decide: (loaded: Loaded<S>) => PendingEvent<T>, context: CommandContext, attempts?: number): Promise<S>;
};

function evolveFinding(_: unknown, event: EventEnvelope): OrganizationLifeOverdueData & { raisedAt: string } {
  return { ...(event.data as unknown as OrganizationLifeOverdueData), raisedAt: event.time };
}
export type Finding = OrganizationLifeOverdueData & { raisedAt: string };

@Injectable() export class ActivityRepository extends (repositoryFor<Activity>('Activity', evolveActivity) as Type<RetryingRepository<Activity>>) {}
@Injectable() export class ServiceCentreRepository extends (repositoryFor<ServiceCentre>('ServiceCentre', evolveServiceCentre) as Type<RetryingRepository<ServiceCentre>>) {}
@Injectable() export class RoomRepository extends (repositoryFor<Room>('Room', evolveRoom) as Type<RetryingRepository<Room>>) {}
@Injectable() export class BookingRepository extends (repositoryFor<RoomBooking>('RoomBooking', evolveBooking) as Type<RetryingRepository<RoomBooking>>) {}
@Injectable() export class HoursClaimRepository extends (repositoryFor<HoursClaim>('VolunteerHoursClaim', evolveHoursClaim) as Type<RetryingRepository<HoursClaim>>) {}
@Injectable() export class FindingRepository extends (repositoryFor<Finding>('OrganizationLifeFinding', evolveFinding) as Type<RetryingRepository<Finding>>) {}
@Injectable() export class PledgeRepository extends (repositoryFor<Pledge>('Pledge', evolvePledge) as Type<RetryingRepository<Pledge>>) {}
@Injectable() export class VanguardPostRepository extends (repositoryFor<VanguardPost>('VanguardPost', evolvePost) as Type<RetryingRepository<VanguardPost>>) {}
@Injectable() export class PointsRulesRepository extends (repositoryFor<PointsRules>('PointsRules', evolvePointsRules) as Type<RetryingRepository<PointsRules>>) {}
@Injectable() export class HonourRepository extends (repositoryFor<Honour>('Honour', evolveHonour) as Type<RetryingRepository<Honour>>) {}
@Injectable() export class AssessmentRepository extends (repositoryFor<Assessment>('Assessment', evolveAssessment) as Type<RetryingRepository<Assessment>>) {}
@Injectable() export class RecommendationRepository extends (repositoryFor<Recommendation>('Recommendation', evolveRecommendation) as Type<RetryingRepository<Recommendation>>) {}

export const REPOSITORIES = [
  ActivityRepository,
  ServiceCentreRepository,
  RoomRepository,
  BookingRepository,
  HoursClaimRepository,
  FindingRepository,
  PledgeRepository,
  VanguardPostRepository,
  PointsRulesRepository,
  HonourRepository,
  AssessmentRepository,
  RecommendationRepository,
];
