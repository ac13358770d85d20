import type { Building } from '../../domain/building/building';

export type BuildingView = Building & { version: number };

/** A building with what is inside it. */
export type BuildingWithCounts = BuildingView & {
  counts: {
    /** Standing organizations located in it. */
    organizations: number;
    /** 党员 (full and probationary) who count in those organizations (countedPlaceOf, as every other count). */
    members: number;
  };
};
