import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CheckInCodes } from '../../infrastructure/check-in-code';

/** The code of an activity's current check-in generation, for the organizer to show as a QR code. */
export class GetCheckInCode {
  constructor(
    readonly activityId: string,
    readonly generation: number,
  ) {}
}

@QueryHandler(GetCheckInCode)
export class GetCheckInCodeHandler implements IQueryHandler<GetCheckInCode, string> {
  constructor(private readonly codes: CheckInCodes) {}

  async execute({ activityId, generation }: GetCheckInCode): Promise<string> {
    return this.codes.codeFor(activityId, generation);
  }
}
