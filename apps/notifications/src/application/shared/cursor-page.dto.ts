import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** One page of a list: at most 100 items, `cursor` from the previous page's `nextCursor`. */
export class CursorPageDto {
  @ApiPropertyOptional({ description: '每页条数（1-100）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(100, { message: 'limit 不能大于 100' })
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor 无效：须为上一页返回的游标' })
  cursor?: string;
}
