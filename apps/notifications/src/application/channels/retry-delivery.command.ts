import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, Clock, DomainError } from '@pb/platform';
import { ChannelCollections } from './deliveries';
import { deliveryScopeOf, DeliveryView, toDeliveryView } from './list-deliveries.query';

/** 重新投递: puts a dead-lettered delivery back in the queue, for a new round of tries. */
export class RetryDelivery {
  constructor(
    readonly deliveryId: string,
    readonly actor: Actor,
  ) {}
}

@CommandHandler(RetryDelivery)
export class RetryDeliveryHandler implements ICommandHandler<RetryDelivery, DeliveryView> {
  constructor(
    private readonly c: ChannelCollections,
    private readonly clock: Clock,
  ) {}

  async execute({ deliveryId, actor }: RetryDelivery): Promise<DeliveryView> {
    const scope = deliveryScopeOf(actor);
    const found = await this.c.deliveries.findOne({ _id: deliveryId, ...scope });
    if (!found) throw new DomainError('not_found', 'DELIVERY_NOT_FOUND', `投递记录 ${deliveryId} 不存在或不在您的辖区`);
    if (found.state !== 'DEAD') throw new DomainError('conflict', 'DELIVERY_NOT_DEAD', `投递记录 ${deliveryId} 状态为 ${found.state}，只有已停止重试（DEAD）的投递可以重新投递`);
    const now = this.clock.now();
    // Guarded on the round it was found in: two administrators pressing retry at once re-queue it once.
    const { modifiedCount } = await this.c.deliveries.updateOne(
      { _id: deliveryId, state: 'DEAD', round: found.round },
      { $set: { state: 'PENDING', attempts: 0, round: found.round + 1, nextAttemptAt: now, deadAt: null, updatedAt: now } },
    );
    if (modifiedCount === 0) throw new DomainError('conflict', 'DELIVERY_CHANGED', `投递记录 ${deliveryId} 刚被他人重新投递，请刷新后查看`);
    return toDeliveryView((await this.c.deliveries.findOne({ _id: deliveryId }))!);
  }
}
