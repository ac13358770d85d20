import type { Alliance } from '../../domain/alliance/alliance';

export type AllianceView = Alliance & { version: number };
