import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { GetInstructor, GetInstructorGuidance } from '../../application/instructor/get-instructor.query';
import { InstructorGuidance, InstructorView } from '../../application/instructor/instructor-view';
import { GuidanceVisitFilterDto, ListGuidanceVisits } from '../../application/instructor/list-guidance-visits.query';
import { InstructorFilterDto, ListInstructors } from '../../application/instructor/list-instructors.query';
import { RecordGuidanceVisit, RecordGuidanceVisitDto } from '../../application/instructor/record-guidance-visit.command';
import { RegisterInstructor, RegisterInstructorDto } from '../../application/instructor/register-instructor.command';
import { GetOrganization } from '../../application/organization/get-organization.query';
import { ID_PATTERN } from '../../application/shared/common.dto';
import type { Organization } from '../../domain/organization/organization';

const ADMINS = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'] as const;

@ApiTags('instructors 党建指导员')
@Controller('instructors')
export class InstructorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 登记党建指导员: by the administrators of the district (sub-district) they work in. */
  @Post()
  @HttpCode(201)
  @Roles(...ADMINS)
  register(@Body() dto: RegisterInstructorDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const place = { districtId: dto.districtId, subDistrictId: dto.subDistrictId ?? null };
    assertInScope(actor, place, '该党建指导员的工作辖区');
    return this.commands.execute(
      new RegisterInstructor({ instructorId: dto.instructorId ?? `ins-${randomUUID()}`, name: dto.name, sendingUnit: dto.sendingUnit, ...place, memberId: dto.memberId ?? null }, ctx),
    );
  }

  @Get()
  list(@Query() dto: InstructorFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    return this.queries.execute<ListInstructors, InstructorView[]>(new ListInstructors(narrowToScope(actor, filter), limit ?? 200, after));
  }

  /** The registration, the organizations they guide and their visits' counts. */
  @Get(':instructorId')
  async get(@Param('instructorId') id: string, @CurrentActor() actor: Actor): Promise<InstructorView & InstructorGuidance> {
    const instructor = await this.find(id, actor);
    const guidance = await this.queries.execute<GetInstructorGuidance, InstructorGuidance>(new GetInstructorGuidance(id));
    return { ...instructor, ...guidance };
  }

  /**
   * 登记指导记录: by the administrators of the organization visited (the visit belongs to its
   * place), also for an instructor who works district-wide.
   */
  @Post(':instructorId/visits')
  @HttpCode(201)
  @Roles(...ADMINS)
  async recordVisit(@Param('instructorId') id: string, @Body() dto: RecordGuidanceVisitDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const instructor = ID_PATTERN.test(id) ? await this.queries.execute<GetInstructor, InstructorView | null>(new GetInstructor(id)) : null;
    if (!instructor) throw new NotFoundException(`党建指导员 ${id.slice(0, 64)} 未登记`);
    const organization = await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(dto.organizationId));
    if (organization) assertInScope(actor, organization, '所指导的党组织');
    return this.commands.execute(
      new RecordGuidanceVisit(id, { visitId: dto.visitId ?? `visit-${randomUUID()}`, organizationId: dto.organizationId, visitedOn: dto.visitedOn, summary: dto.summary }, ctx),
    );
  }

  /** 指导记录, newest first; `next` is the cursor of the next page (`after`). */
  @Get(':instructorId/visits')
  async visits(@Param('instructorId') id: string, @Query() dto: GuidanceVisitFilterDto, @CurrentActor() actor: Actor) {
    await this.find(id, actor);
    return this.queries.execute(new ListGuidanceVisits(id, dto.organizationId, dto.limit ?? 50, dto.after));
  }

  private async find(id: string, actor: Actor): Promise<InstructorView> {
    const found = ID_PATTERN.test(id) ? await this.queries.execute<GetInstructor, InstructorView | null>(new GetInstructor(id)) : null;
    if (!found) throw new NotFoundException(`党建指导员 ${id.slice(0, 64)} 未登记`);
    assertInScope(actor, found, '该党建指导员');
    return found;
  }
}
