import { Module } from '@nestjs/common';

/** Members, development pipeline, floating members, identity declarations, transfers and bulk import. */
@Module({})
export class MembersModule {}
