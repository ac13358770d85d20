import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { JURISDICTION_LEVELS, JurisdictionLevel } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';
import { IsId, PageDto } from '../shared/common.dto';
import type { PlaceFilter } from './jurisdiction-statistics';
import { HIDDEN, JurisdictionView } from './jurisdiction-view';

export class ListJurisdictions {
  constructor(
    readonly filter: PlaceFilter & { level?: JurisdictionLevel; parentId?: string },
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(ListJurisdictions)
export class ListJurisdictionsHandler implements IQueryHandler<ListJurisdictions, JurisdictionView[]> {
  constructor(@InjectSnapshots(Jurisdictions) private readonly jurisdictions: Model<Snapshot<Jurisdiction>>) {}

  execute({ filter, limit, after }: ListJurisdictions): Promise<JurisdictionView[]> {
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query[key] = value;
    if (after) query._id = { $gt: after };
    return this.jurisdictions.find(query, HIDDEN).sort({ _id: 1 }).limit(limit).lean<JurisdictionView[]>().exec();
  }
}

export class JurisdictionFilterDto extends PageDto {
  @IsOptional()
  @IsIn(JURISDICTION_LEVELS, { message: `level 必须是以下之一：${JURISDICTION_LEVELS.join(', ')}` })
  level?: JurisdictionLevel;

  @IsOptional() @IsId() parentId?: string;
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
  @IsOptional() @IsId() zoneId?: string;
}
