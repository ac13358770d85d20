import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import { Model } from 'mongoose';
import { Actor, CurrentActor, describeScope, JurisdictionScope, scopeContains } from '@pb/platform';
import { Freshness } from '../../application/projections/freshness';
import { ORGANIZATION_VIEW, OrganizationView } from '../../infrastructure/read-models/organization-view';

const SCOPES = ['city', 'district', 'subDistrict', 'zone'] as const;
type Scope = (typeof SCOPES)[number];

export class DashboardQuery {
  @IsOptional()
  @IsIn(SCOPES, { message: `scope 必须是以下之一：${SCOPES.join(', ')}` })
  scope: Scope = 'city';

  @ValidateIf((q: DashboardQuery) => q.scope !== 'city')
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id 须为辖区编号（字母、数字、下划线、连字符）' })
  id?: string;
}

const SCOPE_FIELD: Record<Exclude<Scope, 'city'>, keyof OrganizationView> = {
  district: 'districtId',
  subDistrict: 'subDistrictId',
  zone: 'zoneId',
};

@ApiTags('dashboard 看板')
@Controller('api/dashboard')
export class DashboardController {
  constructor(
    @InjectModel(ORGANIZATION_VIEW) private readonly organizations: Model<OrganizationView>,
    private readonly freshness: Freshness,
  ) {}

  /** Answered from the gateway's own read models, so it works while a service is down. */
  @Get()
  async dashboard(@Query() query: DashboardQuery, @CurrentActor() actor: Actor) {
    const filter = this.filterFor(query, actor);
    const [organizations, freshness] = await Promise.all([
      this.organizations.countDocuments(filter).exec(),
      this.freshness.all(),
    ]);
    return { scope: query.scope, id: query.id ?? null, organizations, freshness };
  }

  @Get('organizations')
  async organizationsIn(@Query() query: DashboardQuery, @CurrentActor() actor: Actor) {
    const filter = this.filterFor(query, actor);
    return this.organizations.find(filter).sort({ name: 1 }).limit(1000).lean().exec();
  }

  /** The read-model filter for the requested scope, which must lie inside the caller's. */
  private filterFor(query: DashboardQuery, actor: Actor): Record<string, string> {
    if (query.scope === 'city') {
      if (actor.scope.level !== 'CITY') throw new ForbiddenException(`只能查看您的管辖范围（${describeScope(actor)}）`);
      return {};
    }
    const filter = { [SCOPE_FIELD[query.scope]]: query.id! };
    // A sub-district or zone id alone does not say its district; it is checked against the caller's own ids.
    const requested: JurisdictionScope =
      query.scope === 'district'
        ? { level: 'DISTRICT', districtId: query.id }
        : query.scope === 'subDistrict'
          ? { level: 'SUB_DISTRICT', districtId: actor.scope.districtId, subDistrictId: query.id }
          : { level: 'ZONE', districtId: actor.scope.districtId, zoneId: query.id };
    if (!scopeContains(actor.scope, requested)) throw new ForbiddenException(`只能查看您的管辖范围（${describeScope(actor)}）`);
    return filter;
  }
}
