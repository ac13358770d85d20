import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Instructor } from '../../domain/instructor/instructor';
import { Instructors } from '../../infrastructure/aggregates';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';
import { IsId, PageDto } from '../shared/common.dto';
import { InstructorView } from './instructor-view';

/** A page of instructors in id order; pass the last id as `after` for the next page. */
export class ListInstructors {
  constructor(
    readonly filter: PlaceFilter,
    readonly limit: number,
    readonly after?: string,
  ) {}
}

@QueryHandler(ListInstructors)
export class ListInstructorsHandler implements IQueryHandler<ListInstructors, InstructorView[]> {
  constructor(@InjectSnapshots(Instructors) private readonly instructors: Model<Snapshot<Instructor>>) {}

  execute({ filter, limit, after }: ListInstructors): Promise<InstructorView[]> {
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query[key] = value;
    if (after) query._id = { $gt: after };
    return this.instructors.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<InstructorView[]>().exec();
  }
}

export class InstructorFilterDto extends PageDto {
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
}
