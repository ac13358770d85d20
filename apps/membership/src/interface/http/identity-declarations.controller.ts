import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { ConcludeDeclarationDto, ConcludeIdentityDeclaration } from '../../application/identity/conclude-identity-declaration.command';
import { DeclareIdentity, DeclareIdentityDto } from '../../application/identity/declare-identity.command';
import { GetIdentityDeclaration } from '../../application/identity/get-identity-declaration.query';
import { DeclarationFilterDto, ListIdentityDeclarations } from '../../application/identity/list-identity-declarations.query';
import { RejectDeclarationDto, ReviewIdentityDeclaration } from '../../application/identity/review-identity-declaration.command';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { TransferStepDto } from '../../application/shared/member.dto';
import type { IdentityDeclaration } from '../../domain/identity/identity-declaration';

const REVIEWERS = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'SYSTEM'] as const;

function checkId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new BadRequestException(['declarationId 只能包含字母、数字、下划线和连字符（1-64 位）']);
  return id;
}

/** 亮身份: pocket members declare, the organization's secretary verifies or rejects. */
@ApiTags('identity declarations 亮身份')
@Controller('identity-declarations')
export class IdentityDeclarationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...REVIEWERS, 'GRID_WORKER', 'ENTERPRISE_CONTACT')
  async declare(@Body() dto: DeclareIdentityDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const declared = await this.commands.execute<DeclareIdentity, IdentityDeclaration>(
      new DeclareIdentity(
        {
          ...dto,
          declarationId: dto.declarationId ?? `idd-${randomUUID()}`,
          homeOrganizationName: dto.homeOrganizationName ?? null,
          employerName: dto.employerName ?? null,
        },
        actor,
        ctx,
      ),
    );
    return this.queries.execute(new GetIdentityDeclaration(declared.declarationId, { ...actor, role: 'SYSTEM' }));
  }

  @Post(':declarationId/verification')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  verify(@Param('declarationId') id: string, @Body() dto: TransferStepDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.review(checkId(id), { verified: true }, dto.on, actor, ctx);
  }

  @Post(':declarationId/rejection')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  reject(@Param('declarationId') id: string, @Body() dto: RejectDeclarationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.review(checkId(id), { verified: false, reason: dto.reason }, dto.on, actor, ctx);
  }

  /** 办结: the secretary decides what the verified declaration leads to and the record is created and linked. */
  @Post(':declarationId/conclusion')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  async conclude(@Param('declarationId') id: string, @Body() dto: ConcludeDeclarationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const { expectedVersion, organizationId, jointCommitteeOfZone, ...request } = dto;
    if (organizationId !== undefined && jointCommitteeOfZone !== undefined) throw new BadRequestException(['organizationId 与 jointCommitteeOfZone 只能填写其一']);
    if (dto.decision === 'REGISTER_MEMBER') {
      const floatingOnly = (['homeOrganizationName', 'checkedInOn'] as const).filter((field) => dto[field] !== undefined);
      if (floatingOnly.length) throw new BadRequestException([`${floatingOnly.join('、')} 仅在 decision 为 RECORD_FLOATING 时填写`]);
    }
    const organization = organizationId !== undefined ? { organizationId } : jointCommitteeOfZone !== undefined ? { jointCommitteeOfZone } : undefined;
    await this.commands.execute(
      new ConcludeIdentityDeclaration(checkId(id), { ...request, memberId: dto.memberId ?? `mem-${randomUUID()}`, organization }, expectedVersion, actor, ctx),
    );
    return this.queries.execute(new GetIdentityDeclaration(id, { ...actor, role: 'SYSTEM' }));
  }

  @Get()
  list(@Query() { limit, after, ...filter }: DeclarationFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListIdentityDeclarations(filter, actor, limit ?? 200, after));
  }

  @Get(':declarationId')
  get(@Param('declarationId') id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetIdentityDeclaration(checkId(id), actor));
  }

  private async review(id: string, outcome: { verified: true } | { verified: false; reason: string }, on: string, actor: Actor, ctx: RequestCommandContext) {
    await this.commands.execute(new ReviewIdentityDeclaration(id, outcome, on, actor, ctx));
    return this.queries.execute(new GetIdentityDeclaration(id, { ...actor, role: 'SYSTEM' }));
  }
}
