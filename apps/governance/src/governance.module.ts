import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { CASE_HANDLERS } from './application/case/handlers';
import { COMMITTEE_HANDLERS } from './application/committee/handlers';
import { GRID_HANDLERS } from './application/grid/handlers';
import { MEDIATION_HANDLERS } from './application/mediation/handlers';
import { OUTREACH_HANDLERS } from './application/outreach/handlers';
import { GovernanceConfig } from './governance.config';
import { GOVERNANCE_AGGREGATES } from './infrastructure/aggregates';
import { OPEN_MEDIATION_CLAIM, OpenMediationClaims, OpenMediationClaimSchema } from './infrastructure/mediation/open-mediation-claims';
import { CasesController } from './interface/http/cases.controller';
import { CommitteesController } from './interface/http/committees.controller';
import { GridsController } from './interface/http/grids.controller';
import { FieldWorkController } from './interface/http/outreach.controller';
import { MediationOutcomesConsumer } from './interface/events/mediation-outcomes.consumer';
import { OverdueCasesJob } from './interface/schedule/overdue-cases.job';

/** 共治: co-governance committees, grids and grid workers, the case loop, mediation, outreach. */
@Module({})
export class GovernanceModule {
  static register(config: GovernanceConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: GovernanceModule,
      imports: [
        PlatformModule.forService('governance', config, options),
        MessagingModule.forService({
          context: 'governance',
          // Its own topic too: the mediations' outcomes move their cases (MediationOutcomesConsumer).
          consumes: { groupId: 'governance', topics: [CONTEXT_TOPICS.membership, CONTEXT_TOPICS.governance] },
          aggregates: GOVERNANCE_AGGREGATES,
        }),
        // Zones, organizations and buildings place grids, committees and cases; no member is read, so none is copied.
        MembershipReferenceModule.forService({ keepNames: false, keepMembers: false }),
        MongooseModule.forFeature([{ name: OPEN_MEDIATION_CLAIM, schema: OpenMediationClaimSchema }]),
        CqrsModule.forRoot(),
        ScheduledWorkModule,
      ],
      controllers: [CasesController, GridsController, CommitteesController, FieldWorkController, MediationOutcomesConsumer],
      providers: [
        { provide: GovernanceConfig, useValue: config },
        ...CASE_HANDLERS,
        ...GRID_HANDLERS,
        ...COMMITTEE_HANDLERS,
        ...MEDIATION_HANDLERS,
        ...OUTREACH_HANDLERS,
        OpenMediationClaims,
        OverdueCasesJob,
      ],
    };
  }
}
