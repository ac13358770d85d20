import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { MEDIATION_SIDES, MediationOpened, MediationParty, MediationSide } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock, DomainError } from '@pb/platform';
import type { Case } from '../../domain/case/case';
import { decideMediationOpened, Mediation } from '../../domain/mediation/mediation';
import { Cases, Mediations } from '../../infrastructure/aggregates';
import { OpenMediationClaim, OpenMediationClaims } from '../../infrastructure/mediation/open-mediation-claims';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, lengthMessage, oneOf, OptionalId } from '../shared/common.dto';

/** 启动调解 of a dispute case. */
export class OpenMediation {
  constructor(
    readonly request: { mediationId: string; caseId: string; mediatorId: string; parties: MediationParty[] },
    readonly caller: Caller,
  ) {}
}

/** A claim whose mediation has not been stored yet is an opening in progress for this long; older, its opener died. */
const OPENING_GRACE_MS = 60_000;
const CLAIM_ATTEMPTS = 3;

@CommandHandler(OpenMediation)
export class OpenMediationHandler implements ICommandHandler<OpenMediation, Mediation> {
  constructor(
    @InjectAggregate(Mediations) private readonly mediations: AggregateRepository<Mediation>,
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
    private readonly claims: OpenMediationClaims,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: OpenMediation): Promise<Mediation> {
    const dispute = (await this.cases.load(request.caseId)).state;
    if (dispute) assertInScope(caller.actor, dispute, '该案件');
    const inserted = await this.claimCase(request, dispute);
    try {
      const { state } = await this.mediations.decideAndSave(
        request.mediationId,
        (loaded) => ({ definition: MediationOpened, data: decideMediationOpened(loaded.state, dispute, request) }),
        caller.context,
      );
      return state;
    } catch (error) {
      // Nothing stored: the slot goes back, unless another request for this same id took it.
      if (inserted) await this.claims.release(request.caseId, request.mediationId);
      throw error;
    }
  }

  /**
   * Takes the case's one open-mediation slot (a unique insert, so of two openings at once one
   * wins and the other is a 409 naming it). Everything the domain refuses is refused before.
   * Returns whether this request inserted the claim.
   */
  private async claimCase(request: OpenMediation['request'], dispute: Case | null): Promise<boolean> {
    const now = this.clock.now();
    for (let attempt = 1; ; attempt++) {
      const holder = await this.claims.holder(request.caseId);
      const open = holder && holder.mediationId !== request.mediationId ? await this.stillOpen(holder, now) : null;
      decideMediationOpened((await this.mediations.load(request.mediationId)).state, dispute, request, open);
      // The holder ended (its release was lost to a crash) or never got stored: its slot is free.
      if (holder && !open && holder.mediationId !== request.mediationId) await this.claims.release(request.caseId, holder.mediationId);
      const claimed = await this.claims.claim(request.caseId, request.mediationId, now);
      if (claimed.taken) return claimed.inserted;
      // Another holder is refused by name on the next round; only a slot freed meanwhile comes round again.
      if (attempt >= CLAIM_ATTEMPTS) {
        throw new DomainError('conflict', 'MEDIATION_SLOT_BUSY', `案件 ${request.caseId} 的调解正在变动，请稍后重试`, { caseId: request.caseId });
      }
    }
  }

  private async stillOpen(holder: OpenMediationClaim, now: Date): Promise<Pick<Mediation, 'mediationId'> | null> {
    const mediation = (await this.mediations.load(holder.mediationId)).state;
    if (mediation) return mediation.status === 'OPEN' ? mediation : null;
    return now.getTime() - new Date(holder.claimedAt).getTime() < OPENING_GRACE_MS ? { mediationId: holder.mediationId } : null;
  }
}

export class MediationPartyDto {
  @ApiProperty({ enum: MEDIATION_SIDES }) @IsIn(MEDIATION_SIDES, oneOf('parties.side', MEDIATION_SIDES)) side!: MediationSide;
  @ApiProperty({ description: '当事方名称（个人信息）' }) @IsString({ message: 'parties.name 须为字符串' }) @Length(1, 100, lengthMessage('parties.name', 1, 100)) name!: string;
}

export class OpenMediationDto {
  @ApiPropertyOptional({ description: '调解编号；不填则自动生成' }) @OptionalId() mediationId?: string;
  @ApiProperty({ description: '矛盾纠纷案件编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) caseId!: string;
  @ApiProperty({ description: '调解员用户编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) mediatorId!: string;
  @ApiProperty({ type: [MediationPartyDto] })
  @IsArray({ message: 'parties 须为数组' })
  @ArrayMinSize(2, { message: 'parties 至少 2 方' })
  @ArrayMaxSize(20, { message: 'parties 最多 20 方' })
  @ValidateNested({ each: true })
  @Type(() => MediationPartyDto)
  parties!: MediationPartyDto[];
}
