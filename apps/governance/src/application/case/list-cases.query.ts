import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { Model } from 'mongoose';
import { CASE_KINDS, CASE_STATES, CaseAssignee, CaseKind, CaseState } from '@pb/contracts';
import { InjectSnapshots } from '@pb/messaging';
import { afterPosition, encodePageCursor, EscalationDesk, pagePositionOf } from '@pb/platform';
import { OPEN_STATES } from '../../domain/case/case-state-machine';
import { Cases } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, oneOf, PagedJurisdictionFilterDto } from '../shared/common.dto';
import { CaseView } from './case-view';

export interface CaseFilter {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  status?: CaseState;
  kind?: CaseKind;
  gridId?: string;
  workerId?: string;
  /** Only cases flagged overdue and still open (true) or only the others (false). */
  overdue?: boolean;
  /** 上报到本级: cases escalated to this level (and jurisdiction, below the city). */
  escalatedTo?: EscalationDesk;
  /** 派遣给本单位: cases whose current assignee is this department or organization. */
  assignee?: CaseAssignee;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Newest first; the cursor is the last item's (reportedAt, caseId), opaque to callers. */
export class ListCases {
  constructor(
    readonly filter: CaseFilter,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases, Page<CaseView>> {
  constructor(@InjectSnapshots(Cases) private readonly cases: Model<CaseView & { _id: string }>) {}

  async execute({ filter, limit, after }: ListCases): Promise<Page<CaseView>> {
    const { overdue, escalatedTo, assignee, ...rest } = filter;
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) query[key] = value;
    if (overdue === true) {
      query.overdue = true;
      if (!filter.status) query.status = { $in: [...OPEN_STATES] };
    }
    if (overdue === false) query.overdue = false;
    if (escalatedTo) {
      query.escalationLevel = escalatedTo.level;
      if (escalatedTo.jurisdictionId) query.escalatedTo = escalatedTo.jurisdictionId;
    }
    if (assignee) {
      query['assignee.kind'] = assignee.kind;
      query['assignee.id'] = assignee.id;
    }
    // A malformed cursor is a 400: answering the first page again would have a client loop for ever.
    const position = pagePositionOf(after, 'after');
    if (position) Object.assign(query, afterPosition('reportedAt', position.key, position.id, 'desc'));
    const items = await this.cases
      .find(query, { _id: 0, lastEventAt: 0 })
      .sort({ reportedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CaseView[]>()
      .exec();
    const more = items.length > limit;
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: more && last ? encodePageCursor(last.reportedAt, last.caseId) : null };
  }
}

export class CaseFilterDto extends PagedJurisdictionFilterDto {
  @IsOptional() @IsIn(CASE_STATES, oneOf('status', CASE_STATES)) status?: CaseState;
  @IsOptional() @IsIn(CASE_KINDS, oneOf('kind', CASE_KINDS)) kind?: CaseKind;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) gridId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) workerId?: string;

  @ApiPropertyOptional({ description: 'true：仅超期未结；false：未超期' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue 须为 true 或 false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: ['me'], description: 'me：上报到调用者本级辖区（街道、区县、市）的案件' })
  @IsOptional()
  @IsIn(['me'], { message: 'escalatedTo 只能为 me' })
  escalatedTo?: 'me';

  @ApiPropertyOptional({ enum: ['me'], description: 'me：派遣给调用者本单位（职能部门工作人员的部门、党组织书记的党组织）的案件' })
  @IsOptional()
  @IsIn(['me'], { message: 'assignedTo 只能为 me' })
  assignedTo?: 'me';
}
