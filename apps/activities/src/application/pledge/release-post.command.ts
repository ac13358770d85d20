import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { VanguardPostReleased } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decidePostRelease, VanguardPost } from '../../domain/pledge/pledge';
import { VanguardPosts } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 岗位撤销或换人 */
export class ReleasePost {
  constructor(
    readonly postId: string,
    readonly reason: string,
    readonly successorMemberId: string | null,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ReleasePost)
export class ReleasePostHandler implements ICommandHandler<ReleasePost, VanguardPost> {
  constructor(@InjectAggregate(VanguardPosts) private readonly posts: AggregateRepository<VanguardPost>) {}

  async execute({ postId, reason, successorMemberId, context }: ReleasePost): Promise<VanguardPost> {
    const { state } = await this.posts.decideAndSave(
      postId,
      (loaded) => ({ definition: VanguardPostReleased, data: decidePostRelease(loaded.state, postId, reason, successorMemberId) }),
      context,
    );
    return state;
  }
}

export class ReleasePostDto {
  @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' }) reason!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) successorMemberId?: string | null;
}
