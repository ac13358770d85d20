import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CurrentActor } from '@pb/platform';
import { GetZoneFigures, ZoneFigures } from '../../application/figures/get-zone-figures.query';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { found } from './access';

@ApiTags('figures 片区指标')
@Controller('zones')
export class ZonesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly membership: MembershipReference,
  ) {}

  /** 片区企业服务指标: enterprises, graduates employed, requests, on-time rate, satisfaction, financing granted. */
  @Get(':zoneId/figures')
  async figures(@Param('zoneId') zoneId: string, @CurrentActor() actor: Actor): Promise<ZoneFigures & { zoneName: string; districtId: string; subDistrictId: string }> {
    const zone = found(ID_PATTERN.test(zoneId) ? await this.membership.zone(zoneId) : null, `片区 ${zoneId.slice(0, 64)} 不存在`);
    assertInScope(actor, zone, '该片区');
    // The answer says where it belongs, as every row does.
    return {
      ...(await this.queries.execute<GetZoneFigures, ZoneFigures>(new GetZoneFigures(zoneId))),
      zoneName: zone.name,
      districtId: zone.districtId,
      subDistrictId: zone.subDistrictId,
    };
  }
}
