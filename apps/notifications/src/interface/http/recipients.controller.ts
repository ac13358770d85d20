import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@pb/platform';
import { KnownRecipients } from '../../application/recipients/known-recipients';
import { RecipientParamDto, RecipientView, RegisterRecipient, RegisterRecipientDto } from '../../application/recipients/register-recipient.command';

/**
 * 接收人: the gateway tells the service when it creates, changes or disables a user. Only the
 * platform itself (SYSTEM, the gateway acting on its own behalf) or a city administrator may: the
 * body says what a user may see, and the gateway does not route this path from outside.
 */
@ApiTags('recipients 接收人')
@Controller('recipients')
export class RecipientsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly known: KnownRecipients,
  ) {}

  @Put(':userId')
  @HttpCode(200)
  @Roles('SYSTEM', 'CITY_ADMIN')
  async register(@Param() { userId }: RecipientParamDto, @Body() dto: RegisterRecipientDto): Promise<RecipientView> {
    const { active, ...actor } = dto;
    const user = { ...actor, userId, scope: { ...actor.scope } };
    const view = await this.commands.execute<RegisterRecipient, RecipientView>(new RegisterRecipient(user, active));
    this.known.noteWritten(user, active);
    return view;
  }
}
