import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { JurisdictionRenamed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideJurisdictionRename, Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';
import { ExpectedVersionDto } from '../shared/common.dto';

/** 辖区更名: a zone (or any other jurisdiction) takes a new name; ids, and so everything recorded in it, stay. */
export class RenameJurisdiction {
  constructor(
    readonly jurisdictionId: string,
    readonly name: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RenameJurisdiction)
export class RenameJurisdictionHandler implements ICommandHandler<RenameJurisdiction, Jurisdiction> {
  constructor(@InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>) {}

  async execute({ jurisdictionId, name, expectedVersion, context }: RenameJurisdiction): Promise<Jurisdiction> {
    const { state } = await this.jurisdictions.decideAndSave(
      jurisdictionId,
      (loaded) => ({ definition: JurisdictionRenamed, data: decideJurisdictionRename(loaded.state, jurisdictionId, name) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class RenameJurisdictionDto extends ExpectedVersionDto {
  @ApiProperty({ description: '新名称', example: '太白楼路商圈' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;
}
