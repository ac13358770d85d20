import { BadRequestException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, ValidateNested } from 'class-validator';
import { Model } from 'mongoose';
import { Actor, Clock } from '@pb/platform';
import { Channel, CHANNELS } from '../../domain/notification';
import { PREFERENCES, PreferenceEntry, Preferences } from '../../infrastructure/preferences.collection';
import { ANY_RULE, PREFERENCE_RULES, preferencesView } from './channel-preferences';

export class SetPreferences {
  constructor(
    readonly actor: Actor,
    readonly entries: PreferenceEntry[],
  ) {}
}

/** 通知设置: replaces my switches (an entry per rule or `*` and channel); what I leave out falls back to the defaults. */
@CommandHandler(SetPreferences)
export class SetPreferencesHandler implements ICommandHandler<SetPreferences> {
  constructor(
    @InjectModel(PREFERENCES) private readonly preferences: Model<Preferences>,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, entries }: SetPreferences) {
    // Checked here, not by a decorator: the rules are the table's at run time.
    const known = new Set([ANY_RULE, ...PREFERENCE_RULES.map((r) => r.id)]);
    const unknown = entries.filter((e) => !known.has(e.rule)).map((e) => e.rule);
    if (unknown.length > 0) throw new BadRequestException([`entries.rule 不是已知的通知规则：${[...new Set(unknown)].slice(0, 5).join(', ')}`]);
    const seen = new Set<string>();
    for (const e of entries) {
      const key = `${e.rule}\u0000${e.channel}`;
      if (seen.has(key)) throw new BadRequestException([`entries 中规则 ${e.rule} 的渠道 ${e.channel} 重复`]);
      seen.add(key);
    }
    const clean = entries.map((e) => ({ rule: e.rule, channel: e.channel, enabled: e.enabled }));
    await this.preferences.updateOne({ _id: actor.userId }, { $set: { entries: clean, updatedAt: this.clock.now() } }, { upsert: true });
    return preferencesView(clean);
  }
}

export class PreferenceEntryDto {
  @ApiProperty({ description: '规则 id（见 GET /notifications/preferences），或 * 表示全部规则' })
  @IsString({ message: 'entries.rule 须为规则 id 或 *' })
  rule!: string;

  @ApiProperty({ enum: CHANNELS, description: 'WEBHOOK 短信/微信/政务微信推送，DIGEST 每日摘要；站内通知始终开启' })
  @IsIn(CHANNELS, { message: `entries.channel 必须是以下之一：${CHANNELS.join(', ')}` })
  channel!: Channel;

  @ApiProperty({ description: '是否开启' })
  @IsBoolean({ message: 'entries.enabled 须为 true 或 false' })
  enabled!: boolean;
}

export class SetPreferencesDto {
  @ApiProperty({ type: [PreferenceEntryDto] })
  @IsArray({ message: 'entries 须为数组' })
  @ArrayMaxSize(500, { message: 'entries 最多 500 项' })
  @ValidateNested({ each: true })
  @Type(() => PreferenceEntryDto)
  entries!: PreferenceEntryDto[];
}
