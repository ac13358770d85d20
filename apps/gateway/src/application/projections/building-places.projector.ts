import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  EnterpriseProfileUpdated,
  EnterpriseProfileUpdatedV2,
  EnterpriseProfileUpdatedV2Data,
  EnterpriseRegistered,
  EnterpriseRegisteredV2,
  EnterpriseRegisteredV2Data,
  EventEnvelope,
  GridBuildingsSet,
  GridBuildingsSetData,
  GridEstablished,
  GridEstablishedData,
} from '@pb/contracts';
import { applyIfNewer } from '@pb/messaging';
import { BUILDING_PLACE_VIEW, BuildingPlaceView } from '../../infrastructure/read-models/building-views';
import { writeOnce } from '../../infrastructure/read-models/write-once';

/** v1 events were written before buildings: they place an enterprise in none. */
const buildingsOf = (data: { buildingId?: string | null }): string[] => (data.buildingId ? [data.buildingId] : []);

/**
 * Keeps which registered building each enterprise is in and which buildings each grid covers
 * (the gateway's `GET /api/buildings/:id`). Each event states the whole list, ordered by the
 * aggregate's version (`applyIfNewer`), so a redelivered or older event changes nothing; the
 * place (district, zone) never changes and lands whatever the order.
 */
@Controller()
export class BuildingPlacesProjector {
  constructor(@InjectModel(BUILDING_PLACE_VIEW) private readonly places: Model<BuildingPlaceView>) {}

  @EventPattern([EnterpriseRegistered.type, EnterpriseRegisteredV2.type])
  async enterpriseRegistered(@Payload() event: EventEnvelope<EnterpriseRegisteredV2Data>): Promise<void> {
    const { creditCode, districtId, zoneId } = event.data;
    await writeOnce(this.places, `enterprise:${creditCode}`, { kind: 'ENTERPRISE', districtId, zoneId });
    await applyIfNewer(this.places, `enterprise:${creditCode}`, event.aggregateversion, { buildingIds: buildingsOf(event.data) });
  }

  @EventPattern([EnterpriseProfileUpdated.type, EnterpriseProfileUpdatedV2.type])
  async enterpriseUpdated(@Payload() event: EventEnvelope<EnterpriseProfileUpdatedV2Data>): Promise<void> {
    await applyIfNewer(this.places, `enterprise:${event.data.creditCode}`, event.aggregateversion, { buildingIds: buildingsOf(event.data) });
  }

  @EventPattern(GridEstablished.type)
  async gridEstablished(@Payload() event: EventEnvelope<GridEstablishedData>): Promise<void> {
    const { gridId, districtId, zoneId } = event.data;
    await writeOnce(this.places, `grid:${gridId}`, { kind: 'GRID', districtId, zoneId });
    await applyIfNewer(this.places, `grid:${gridId}`, event.aggregateversion, { buildingIds: [] });
  }

  @EventPattern(GridBuildingsSet.type)
  async gridBuildingsSet(@Payload() event: EventEnvelope<GridBuildingsSetData>): Promise<void> {
    await applyIfNewer(this.places, `grid:${event.data.gridId}`, event.aggregateversion, { buildingIds: event.data.buildingIds });
  }
}
