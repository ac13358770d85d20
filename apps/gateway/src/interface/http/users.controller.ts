import { Body, Controller, ForbiddenException, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, describeScope, Roles, scopeContains } from '@pb/platform';
import { CreateUserDto } from '../../application/auth/auth.dto';
import { UserAccounts } from '../../application/auth/user-accounts';

/** Roles a district administrator may hand out inside their district. */
const DELEGABLE_BY_DISTRICT = ['SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'GRID_WORKER', 'ENTERPRISE_CONTACT', 'ANALYST'];

@ApiTags('users 用户')
@Controller('api/users')
export class UsersController {
  constructor(private readonly accounts: UserAccounts) {}

  @Post()
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  async create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    if (!scopeContains(actor.scope, dto.scope)) throw new ForbiddenException(`只能在您的管辖范围内创建用户（${describeScope(actor)}）`);
    if (actor.role === 'DISTRICT_ADMIN' && !DELEGABLE_BY_DISTRICT.includes(dto.role)) {
      throw new ForbiddenException(`区县管理员不能创建角色为 ${dto.role} 的用户`);
    }
    const { disabled, ...user } = await this.accounts.create(dto, actor.userId);
    return user;
  }

  @Get()
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  async list(@CurrentActor() actor: Actor) {
    return this.accounts.visibleTo(actor.scope);
  }
}
