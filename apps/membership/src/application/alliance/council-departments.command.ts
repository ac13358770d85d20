import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllianceDepartmentEstablished, AllianceDepartmentHeadAppointed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Alliance, decideDepartment, decideDepartmentHead } from '../../domain/alliance/alliance';
import { Alliances } from '../../infrastructure/aggregates';

/** 理事会设立部门 */
export class EstablishDepartment {
  constructor(
    readonly allianceId: string,
    readonly departmentId: string,
    readonly name: string,
    readonly headMemberId: string | null,
    readonly context: CommandContext,
  ) {}
}

/** 任命部门负责人 */
export class AppointDepartmentHead {
  constructor(
    readonly allianceId: string,
    readonly departmentId: string,
    readonly headMemberId: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(EstablishDepartment)
export class EstablishDepartmentHandler implements ICommandHandler<EstablishDepartment, Alliance> {
  constructor(@InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>) {}

  async execute(c: EstablishDepartment): Promise<Alliance> {
    const { state } = await this.alliances.decideAndSave(
      c.allianceId,
      (loaded) => ({ definition: AllianceDepartmentEstablished, data: decideDepartment(loaded.state, c.allianceId, c.departmentId, c.name, c.headMemberId) }),
      c.context,
    );
    return state;
  }
}

@CommandHandler(AppointDepartmentHead)
export class AppointDepartmentHeadHandler implements ICommandHandler<AppointDepartmentHead, Alliance> {
  constructor(@InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>) {}

  async execute(c: AppointDepartmentHead): Promise<Alliance> {
    const { state } = await this.alliances.decideAndSave(
      c.allianceId,
      (loaded) => ({ definition: AllianceDepartmentHeadAppointed, data: decideDepartmentHead(loaded.state, c.allianceId, c.departmentId, c.headMemberId) }),
      c.context,
      { expectedVersion: c.expectedVersion },
    );
    return state;
  }
}
