import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Department, RequestCategory, RoutingRuleSet } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideRoutingRule, RoutingRule, routingRuleId } from '../../domain/request/routing';
import { RoutingRules } from '../../infrastructure/aggregates';

export class SetRoutingRule {
  constructor(
    readonly category: RequestCategory,
    readonly department: Department,
    readonly context: CommandContext,
  ) {}
}

/** 调整分派规则: later requests of the category go to the new department; earlier ones stay where they are. */
@CommandHandler(SetRoutingRule)
export class SetRoutingRuleHandler implements ICommandHandler<SetRoutingRule, RoutingRule> {
  constructor(@InjectAggregate(RoutingRules) private readonly rules: AggregateRepository<RoutingRule>) {}

  async execute({ category, department, context }: SetRoutingRule): Promise<RoutingRule> {
    const { state } = await this.rules.decideAndSave(
      routingRuleId(category),
      (loaded) => ({ definition: RoutingRuleSet, data: decideRoutingRule(loaded.state, category, department) }),
      context,
    );
    return state;
  }
}
