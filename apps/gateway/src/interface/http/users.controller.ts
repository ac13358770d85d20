import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@pb/platform';
import { CreateUserDto, ReassignUserDto, ResetPasswordDto, UserIdParam, UserListQueryDto } from '../../application/auth/auth.dto';
import { UserAccounts } from '../../application/auth/user-accounts';
import type { User } from '../../domain/user/user';

/** What an administrator sees of an account. */
const view = ({ userId, username, displayName, role, scope, organizationId, enterpriseCode, memberId, gridWorkerId, departmentId, disabled, mustChangePassword }: User) => ({
  userId,
  username,
  displayName,
  role,
  scope,
  organizationId,
  enterpriseCode,
  memberId,
  gridWorkerId,
  departmentId,
  disabled,
  mustChangePassword: mustChangePassword ?? false,
});

/** 用户管理: administrators create users and offboard them, inside their jurisdiction (the city administrator everywhere). */
@ApiTags('users 用户')
@Controller('api/users')
@Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
export class UsersController {
  constructor(private readonly accounts: UserAccounts) {}

  @Post()
  async create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    const { disabled, mustChangePassword, ...user } = await this.accounts.create(dto, actor);
    return user;
  }

  /** By username, `limit` (default 100) at a time; the next page starts `after` the last username. */
  @Get()
  async list(@Query() { limit, ...query }: UserListQueryDto, @CurrentActor() actor: Actor) {
    return (await this.accounts.list(actor, { ...query, limit: limit ?? 100 })).map(view);
  }

  /** 停用账号: no sign-in, no refresh, its access tokens refused. */
  @Post(':userId/disable')
  @HttpCode(200)
  async disable(@Param() { userId }: UserIdParam, @CurrentActor() actor: Actor) {
    return view(await this.accounts.disable(actor, userId));
  }

  /** 启用账号. */
  @Post(':userId/enable')
  @HttpCode(200)
  async enable(@Param() { userId }: UserIdParam, @CurrentActor() actor: Actor) {
    return view(await this.accounts.enable(actor, userId));
  }

  /** 调整角色和辖区: the user signs in again under the new ones. */
  @Put(':userId/assignment')
  async reassign(@Param() { userId }: UserIdParam, @Body() dto: ReassignUserDto, @CurrentActor() actor: Actor) {
    return view(await this.accounts.reassign(actor, userId, dto));
  }

  /** 重置密码: the user must set a new password at the next sign-in. */
  @Post(':userId/password-reset')
  @HttpCode(200)
  async resetPassword(@Param() { userId }: UserIdParam, @Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor) {
    return view(await this.accounts.resetPassword(actor, userId, dto.temporaryPassword));
  }

  /** 撤销全部会话: signed out on every device. */
  @Post(':userId/sessions/revoke')
  @HttpCode(204)
  async revokeSessions(@Param() { userId }: UserIdParam, @CurrentActor() actor: Actor): Promise<void> {
    await this.accounts.revokeSessions(actor, userId);
  }
}
