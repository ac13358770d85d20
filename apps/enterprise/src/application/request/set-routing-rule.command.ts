import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Department, RequestCategory, RoutingRuleSet } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideRoutingRule, RoutingRule, routingRuleId } from '../../domain/request/routing';
import { RoutingRuleRepository } from '../../infrastructure/repositories';

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
  constructor(private readonly rules: RoutingRuleRepository) {}

  async execute({ category, department, context }: SetRoutingRule): Promise<RoutingRule> {
    const loaded = await this.rules.load(routingRuleId(category));
    const data = decideRoutingRule(loaded.state, category, department);
    const { state } = await this.rules.save(loaded, { definition: RoutingRuleSet, data, jurisdiction: { districtId: '', zoneId: '' } }, context);
    return state;
  }
}
