import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Department, DEPARTMENTS, REQUEST_CATEGORIES, RequestCategory, RoutingRuleSet } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideRoutingRule, RoutingRule, routingRuleId } from '../../domain/request/routing';
import { RoutingRules } from '../../infrastructure/aggregates';
import { CATEGORY_MESSAGE, DEPARTMENT_MESSAGE } from '../shared/common.dto';

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

export class SetRoutingRuleDto {
  @ApiProperty({ enum: DEPARTMENTS, description: '责任部门' })
  @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE })
  department!: Department;
}

export class CategoryParamDto {
  @IsIn(REQUEST_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: RequestCategory;
}
