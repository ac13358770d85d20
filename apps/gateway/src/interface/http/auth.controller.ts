import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Actor, CurrentActor, Public } from '@pb/platform';
import { RefreshDto, SignInDto } from '../../application/auth/auth.dto';
import { AuthService } from '../../application/auth/auth.service';

@ApiTags('auth 登录')
@Controller('api/auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() dto: SignInDto) {
    return this.auth.signIn(dto.username, dto.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.signOut(dto.refreshToken);
  }

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
