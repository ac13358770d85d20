import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { OutreachCampaignLaunched } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { decideCampaign, OutreachCampaign } from '../../domain/outreach/campaign';
import { Campaigns } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { DATE_MESSAGE, DATE_PATTERN, ID_MESSAGE, ID_PATTERN, lengthMessage, OptionalId } from '../shared/common.dto';

/** 宣传政策法规: launch a campaign in a zone. */
export class LaunchCampaign {
  constructor(
    readonly request: { campaignId: string; title: string; topics: string[]; startsOn: string; endsOn: string; zoneId: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(LaunchCampaign)
export class LaunchCampaignHandler implements ICommandHandler<LaunchCampaign, OutreachCampaign> {
  constructor(
    @InjectAggregate(Campaigns) private readonly campaigns: AggregateRepository<OutreachCampaign>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: LaunchCampaign): Promise<OutreachCampaign> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const { state } = await this.campaigns.decideAndSave(
      request.campaignId,
      (loaded) => ({ definition: OutreachCampaignLaunched, data: decideCampaign(loaded.state, zone, request) }),
      caller.context,
    );
    return state;
  }
}

export class LaunchCampaignDto {
  @ApiPropertyOptional({ description: '活动编号；不填则自动生成' }) @OptionalId() campaignId?: string;
  @ApiProperty({ description: '活动名称' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 100, lengthMessage('title', 1, 100)) title!: string;
  @ApiProperty({ type: [String], description: '宣传的政策法规' })
  @IsArray({ message: 'topics 须为数组' })
  @ArrayMinSize(1, { message: 'topics 至少 1 项' })
  @ArrayMaxSize(20, { message: 'topics 最多 20 项' })
  @IsString({ each: true, message: 'topics 的每一项须为字符串' })
  @Length(1, 100, { each: true, message: 'topics 的每一项长度须在 1 到 100 之间' })
  topics!: string[];
  @ApiProperty() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) startsOn!: string;
  @ApiProperty() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) endsOn!: string;
  @ApiProperty({ description: '所在片区编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}
