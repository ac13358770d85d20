import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { MEDIATION_SIDES, MediationOpened, MediationParty, MediationSide } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import type { Case } from '../../domain/case/case';
import { decideMediationOpened, Mediation } from '../../domain/mediation/mediation';
import { Cases, Mediations } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, lengthMessage, oneOf, OptionalId } from '../shared/common.dto';

/** 启动调解 of a dispute case. */
export class OpenMediation {
  constructor(
    readonly request: { mediationId: string; caseId: string; mediatorId: string; parties: MediationParty[] },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(OpenMediation)
export class OpenMediationHandler implements ICommandHandler<OpenMediation, Mediation> {
  constructor(
    @InjectAggregate(Mediations) private readonly mediations: AggregateRepository<Mediation>,
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
  ) {}

  async execute({ request, caller }: OpenMediation): Promise<Mediation> {
    const dispute = (await this.cases.load(request.caseId)).state;
    if (dispute) assertInScope(caller.actor, dispute, '该案件');
    const { state } = await this.mediations.decideAndSave(
      request.mediationId,
      (loaded) => ({ definition: MediationOpened, data: decideMediationOpened(loaded.state, dispute, request) }),
      caller.context,
    );
    return state;
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
