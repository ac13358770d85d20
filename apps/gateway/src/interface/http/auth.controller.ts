import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Actor, CurrentActor, Public } from '@pb/platform';
import { ChangePasswordDto, RefreshDto, SignInDto } from '../../application/auth/auth.dto';
import { AuthService } from '../../application/auth/auth.service';
import { AddressRateLimitGuard } from './address-rate-limit.guard';

/**
 * Rate limits per client address, shared by every gateway replica (gateway.module.ts): the
 * routes that check a password spend the `sign-in` budget, those that present a refresh token
 * the `refresh` budget, each on top of the per-username lockout.
 */
const PASSWORD_ROUTE = { refresh: true } as const;
const TOKEN_ROUTE = { 'sign-in': true } as const;

@ApiTags('auth 登录')
@Controller('api/auth')
@UseGuards(AddressRateLimitGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @SkipThrottle(PASSWORD_ROUTE)
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() dto: SignInDto) {
    return this.auth.signIn(dto.username, dto.password);
  }

  /** 修改密码: with the current (or temporary) password; required after an administrator's reset. */
  @Public()
  @SkipThrottle(PASSWORD_ROUTE)
  @Post('change-password')
  @HttpCode(200)
  changePassword(@Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(dto.username, dto.currentPassword, dto.newPassword);
  }

  @Public()
  @SkipThrottle(TOKEN_ROUTE)
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @SkipThrottle(TOKEN_ROUTE)
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.signOut(dto.refreshToken);
  }

  @Get('me')
  @SkipThrottle({ ...PASSWORD_ROUTE, ...TOKEN_ROUTE })
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
