import { ActivitiesProjector } from './activities.projector';
import { BuildingPlacesProjector } from './building-places.projector';
import { EnterpriseProjector } from './enterprise.projector';
import { GovernanceProjector } from './governance.projector';
import { TwoNewCoverageProjector } from './two-new-coverage.projector';

/** Event handlers (controllers of the Kafka transport) writing the cross-service views. */
export const CROSS_SERVICE_PROJECTORS = [ActivitiesProjector, GovernanceProjector, EnterpriseProjector, TwoNewCoverageProjector, BuildingPlacesProjector];
