import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllianceDepartmentEstablished, AllianceDepartmentHeadAppointed } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Alliance, decideDepartment, decideDepartmentHead } from '../../domain/alliance/alliance';
import { AllianceRepository } from '../../infrastructure/alliance/alliance.repository';
import { changeAlliance } from './alliance-change';

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
  constructor(private readonly alliances: AllianceRepository) {}

  execute(c: EstablishDepartment): Promise<Alliance> {
    return changeAlliance(
      this.alliances,
      c.allianceId,
      AllianceDepartmentEstablished,
      (s) => decideDepartment(s, c.allianceId, c.departmentId, c.name, c.headMemberId),
      undefined,
      c.context,
    );
  }
}

@CommandHandler(AppointDepartmentHead)
export class AppointDepartmentHeadHandler implements ICommandHandler<AppointDepartmentHead, Alliance> {
  constructor(private readonly alliances: AllianceRepository) {}

  execute(c: AppointDepartmentHead): Promise<Alliance> {
    return changeAlliance(
      this.alliances,
      c.allianceId,
      AllianceDepartmentHeadAppointed,
      (s) => decideDepartmentHead(s, c.allianceId, c.departmentId, c.headMemberId),
      c.expectedVersion,
      c.context,
    );
  }
}
