import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { asyncApiYaml, catalogueItems, CatalogueItem } from '@pb/contracts';
import { Public } from '@pb/platform';

/** Built once: the catalogue is part of the code and only changes with a release. */
let catalogue: CatalogueItem[] | undefined;
let asyncApi: string | undefined;

/**
 * 事件目录: every public event type (schema, bilingual description, example, what analysts
 * see) for the console, and the AsyncAPI document generated from the same definitions
 * (identical to docs/events/asyncapi.yaml).
 */
@ApiTags('events 事件目录')
@Controller('api/events')
export class EventCatalogueController {
  /** Signed-in users of every role. */
  @Get('catalogue')
  catalogue(): CatalogueItem[] {
    return (catalogue ??= catalogueItems());
  }

  /** Documentation, public like /docs. */
  @Public()
  @Get('asyncapi.yaml')
  @Header('content-type', 'application/yaml; charset=utf-8')
  asyncApi(): string {
    return (asyncApi ??= asyncApiYaml());
  }
}
