import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { GridWorkerRegistered } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { decideWorkerRegistration, GridWorker } from '../../domain/grid/grid';
import { GridWorkers } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, lengthMessage } from '../shared/common.dto';

/** 登记商圈专属网格员 (the worker id is the user id they sign in with). */
export class RegisterGridWorker {
  constructor(
    readonly request: { workerId: string; name: string; zoneId: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(RegisterGridWorker)
export class RegisterGridWorkerHandler implements ICommandHandler<RegisterGridWorker, GridWorker> {
  constructor(
    @InjectAggregate(GridWorkers) private readonly workers: AggregateRepository<GridWorker>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: RegisterGridWorker): Promise<GridWorker> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const { state } = await this.workers.decideAndSave(
      request.workerId,
      (loaded) => ({ definition: GridWorkerRegistered, data: decideWorkerRegistration(loaded.state, zone, request) }),
      caller.context,
    );
    return state;
  }
}

export class RegisterGridWorkerDto {
  @ApiProperty({ description: '网格员编号（即其登录用户编号）' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) workerId!: string;
  @ApiProperty({ description: '姓名' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 50, lengthMessage('name', 1, 50)) name!: string;
  @ApiProperty({ description: '所属片区编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}
