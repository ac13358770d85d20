import { Injectable } from '@nestjs/common';
import type { Actor } from '@pb/platform';
import { assertLinksHold, LinkedRecords, Placement } from '../../domain/user/user';
import { ServiceReader } from '../../infrastructure/services/service-reader';

/**
 * 账号关联: before an account is created or reassigned, each record it is linked to is read from the
 * service that owns it, as the administrator (whose jurisdiction the service applies), and checked.
 */
@Injectable()
export class AccountLinks {
  constructor(private readonly services: ServiceReader) {}

  async check(actor: Actor, placement: Placement): Promise<void> {
    const { organizationId, memberId, enterpriseCode, gridWorkerId, departmentId } = placement;
    const at = encodeURIComponent;
    const [organization, member, enterprise, gridWorker, department] = await Promise.all([
      organizationId ? this.services.read<LinkedRecords['organization']>('membership', `/organizations/${at(organizationId)}`, actor, `党组织 ${organizationId}`) : undefined,
      memberId ? this.services.read<LinkedRecords['member']>('membership', `/members/${at(memberId)}`, actor, `党员 ${memberId}`) : undefined,
      enterpriseCode ? this.services.read<LinkedRecords['enterprise']>('enterprise', `/enterprises/${at(enterpriseCode)}`, actor, `企业 ${enterpriseCode}`) : undefined,
      gridWorkerId ? this.services.read<LinkedRecords['gridWorker']>('governance', `/grid-workers/${at(gridWorkerId)}`, actor, `网格员档案 ${gridWorkerId}`) : undefined,
      departmentId ? this.services.read<LinkedRecords['department']>('governance', `/departments/${at(departmentId)}`, actor, `职能部门 ${departmentId}`) : undefined,
    ]);
    assertLinksHold(placement, { organization, member, enterprise, gridWorker, department });
  }
}
