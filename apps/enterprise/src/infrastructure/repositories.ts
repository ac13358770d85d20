import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateBehaviour, AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { Enterprise, evolveEnterprise } from '../domain/enterprise/enterprise';
import {
  evolveFinancingMatch,
  evolveFinancingNeed,
  evolveLoanProduct,
  FinancingMatch,
  FinancingNeed,
  LoanProduct,
} from '../domain/financing/financing';
import {
  evolveMakerSpace,
  evolveMentor,
  evolveMentoringMatch,
  evolveStartup,
  MakerSpace,
  Mentor,
  MentoringMatch,
  Startup,
} from '../domain/mentoring/mentoring';
import { evolvePolicy, evolvePolicyMatch, Policy, PolicyMatch } from '../domain/policy/policy';
import { evolveRoutingRule, RoutingRule } from '../domain/request/routing';
import { evolveServiceRequest, ServiceRequest } from '../domain/request/service-request';
import { evolveServiceTargets, ServiceTargets } from '../domain/request/service-targets';
import { evolveServiceDay, ServiceDay } from '../domain/service-day/service-day';
import { Snapshot, SNAPSHOTS } from './snapshots';

/** Every repository registers with the relay so a snapshot left behind by a crash is caught up. */
abstract class Repository<S extends object> extends AggregateRepository<S> {
  constructor(snapshots: Model<Snapshot<S>>, store: EventStore, catchUp: SnapshotCatchUp, behaviour: AggregateBehaviour<S>) {
    super(snapshots as never, store, behaviour);
    catchUp.register(this as unknown as AggregateRepository<object>);
  }
}

@Injectable()
export class EnterpriseRepository extends Repository<Enterprise> {
  constructor(@InjectModel(SNAPSHOTS.enterprise.name) m: Model<Snapshot<Enterprise>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'Enterprise', evolve: evolveEnterprise });
  }
}

@Injectable()
export class ServiceRequestRepository extends Repository<ServiceRequest> {
  constructor(@InjectModel(SNAPSHOTS.request.name) m: Model<Snapshot<ServiceRequest>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'ServiceRequest', evolve: evolveServiceRequest });
  }
}

@Injectable()
export class RoutingRuleRepository extends Repository<RoutingRule> {
  constructor(@InjectModel(SNAPSHOTS.routingRule.name) m: Model<Snapshot<RoutingRule>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'RoutingRule', evolve: evolveRoutingRule });
  }
}

@Injectable()
export class ServiceTargetsRepository extends Repository<ServiceTargets> {
  constructor(@InjectModel(SNAPSHOTS.serviceTargets.name) m: Model<Snapshot<ServiceTargets>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'ServiceTargets', evolve: evolveServiceTargets });
  }
}

@Injectable()
export class ServiceDayRepository extends Repository<ServiceDay> {
  constructor(@InjectModel(SNAPSHOTS.serviceDay.name) m: Model<Snapshot<ServiceDay>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'ServiceDay', evolve: evolveServiceDay });
  }
}

@Injectable()
export class LoanProductRepository extends Repository<LoanProduct> {
  constructor(@InjectModel(SNAPSHOTS.loanProduct.name) m: Model<Snapshot<LoanProduct>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'LoanProduct', evolve: evolveLoanProduct });
  }
}

@Injectable()
export class FinancingNeedRepository extends Repository<FinancingNeed> {
  constructor(@InjectModel(SNAPSHOTS.financingNeed.name) m: Model<Snapshot<FinancingNeed>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'FinancingNeed', evolve: evolveFinancingNeed });
  }
}

@Injectable()
export class FinancingMatchRepository extends Repository<FinancingMatch> {
  constructor(@InjectModel(SNAPSHOTS.financingMatch.name) m: Model<Snapshot<FinancingMatch>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'FinancingMatch', evolve: evolveFinancingMatch });
  }
}

@Injectable()
export class PolicyRepository extends Repository<Policy> {
  constructor(@InjectModel(SNAPSHOTS.policy.name) m: Model<Snapshot<Policy>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'Policy', evolve: evolvePolicy });
  }
}

@Injectable()
export class PolicyMatchRepository extends Repository<PolicyMatch> {
  constructor(@InjectModel(SNAPSHOTS.policyMatch.name) m: Model<Snapshot<PolicyMatch>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'PolicyMatch', evolve: evolvePolicyMatch });
  }
}

@Injectable()
export class MentorRepository extends Repository<Mentor> {
  constructor(@InjectModel(SNAPSHOTS.mentor.name) m: Model<Snapshot<Mentor>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'Mentor', evolve: evolveMentor });
  }
}

@Injectable()
export class MentoringMatchRepository extends Repository<MentoringMatch> {
  constructor(@InjectModel(SNAPSHOTS.mentoringMatch.name) m: Model<Snapshot<MentoringMatch>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'MentoringMatch', evolve: evolveMentoringMatch });
  }
}

@Injectable()
export class MakerSpaceRepository extends Repository<MakerSpace> {
  constructor(@InjectModel(SNAPSHOTS.makerSpace.name) m: Model<Snapshot<MakerSpace>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'MakerSpace', evolve: evolveMakerSpace });
  }
}

@Injectable()
export class StartupRepository extends Repository<Startup> {
  constructor(@InjectModel(SNAPSHOTS.startup.name) m: Model<Snapshot<Startup>>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(m, store, catchUp, { type: 'Startup', evolve: evolveStartup });
  }
}

export const REPOSITORIES = [
  EnterpriseRepository,
  ServiceRequestRepository,
  RoutingRuleRepository,
  ServiceTargetsRepository,
  ServiceDayRepository,
  LoanProductRepository,
  FinancingNeedRepository,
  FinancingMatchRepository,
  PolicyRepository,
  PolicyMatchRepository,
  MentorRepository,
  MentoringMatchRepository,
  MakerSpaceRepository,
  StartupRepository,
];
