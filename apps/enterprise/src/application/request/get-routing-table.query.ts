import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { REQUEST_CATEGORIES } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { CATEGORY_NAMES, DEFAULT_ROUTING, DEPARTMENT_NAMES, RoutingRule } from '../../domain/request/routing';
import { RoutingRules } from '../../infrastructure/aggregates';

export class GetRoutingTable {}

/** 分派规则表: every category with its department, marking the admin's changes. */
@QueryHandler(GetRoutingTable)
export class GetRoutingTableHandler implements IQueryHandler<GetRoutingTable> {
  constructor(@InjectSnapshots(RoutingRules) private readonly rules: Model<Snapshot<RoutingRule>>) {}

  async execute() {
    const set = new Map((await this.rules.find().lean<Snapshot<RoutingRule>[]>().exec()).map((r) => [r.category, r]));
    return REQUEST_CATEGORIES.map((category) => {
      const department = set.get(category)?.department ?? DEFAULT_ROUTING[category];
      return {
        category,
        categoryName: CATEGORY_NAMES[category],
        department,
        departmentName: DEPARTMENT_NAMES[department],
        isDefault: !set.has(category),
        version: set.get(category)?.version ?? 0,
      };
    });
  }
}
