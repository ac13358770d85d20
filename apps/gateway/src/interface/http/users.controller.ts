import { Body, Controller, ForbiddenException, Get, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { Actor, CurrentActor, describeScope, Roles, scopeContains } from '@pb/platform';
import { CreateUserDto } from '../../application/auth/auth.dto';
import { createUserRecord, toUser } from '../../application/auth/user-accounts';
import { USER_MODEL, UserDocument } from '../../infrastructure/user/user.schema';

/** Roles a district administrator may hand out inside their district. */
const DELEGABLE_BY_DISTRICT = ['SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'GRID_WORKER', 'ENTERPRISE_CONTACT', 'ANALYST'];

@ApiTags('users 用户')
@Controller('api/users')
export class UsersController {
  constructor(@InjectModel(USER_MODEL) private readonly users: Model<UserDocument>) {}

  @Post()
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  async create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    if (!scopeContains(actor.scope, dto.scope)) throw new ForbiddenException(`只能在您的管辖范围内创建用户（${describeScope(actor)}）`);
    if (actor.role === 'DISTRICT_ADMIN' && !DELEGABLE_BY_DISTRICT.includes(dto.role)) {
      throw new ForbiddenException(`区县管理员不能创建角色为 ${dto.role} 的用户`);
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { disabled, ...user } = await createUserRecord(this.users, dto, actor.userId);
    return user;
  }

  @Get()
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  async list(@CurrentActor() actor: Actor) {
    const filter = actor.scope.level === 'CITY' ? {} : { 'scope.districtId': actor.scope.districtId };
    const docs = await this.users.find(filter).sort({ username: 1 }).limit(500).lean<UserDocument[]>().exec();
    return docs.map(toUser);
  }
}
