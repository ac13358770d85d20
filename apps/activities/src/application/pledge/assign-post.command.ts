import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { POST_KINDS, PostKind, VanguardPostAssigned, VanguardPostAssignedData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decidePostAssignment, VanguardPost } from '../../domain/pledge/pledge';
import { VanguardPosts } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 设立党员先锋岗 / 责任区 */
export class AssignPost {
  constructor(
    readonly data: VanguardPostAssignedData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AssignPost)
export class AssignPostHandler implements ICommandHandler<AssignPost, VanguardPost> {
  constructor(@InjectAggregate(VanguardPosts) private readonly posts: AggregateRepository<VanguardPost>) {}

  async execute({ data, context }: AssignPost): Promise<VanguardPost> {
    const { state } = await this.posts.decideAndSave(data.postId, (loaded) => ({ definition: VanguardPostAssigned, data: decidePostAssignment(loaded.state, data) }), context);
    return state;
  }
}

export class AssignPostDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) postId?: string;
  @ApiProperty({ enum: POST_KINDS }) @IsIn(POST_KINDS, { message: `kind 必须是以下之一：${POST_KINDS.join(', ')}` }) kind!: PostKind;
  @ApiProperty() @IsString({ message: 'title 须为文本' }) @Length(1, 100, { message: 'title 长度须在 1 到 100 之间' }) title!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId!: string;
  @ApiProperty() @IsString({ message: 'enterpriseName 须为文本' }) @Length(1, 100, { message: 'enterpriseName 长度须在 1 到 100 之间' }) enterpriseName!: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'area 须为文本' })
  @Length(1, 200, { message: 'area 长度须在 1 到 200 之间' })
  area?: string | null;
}
