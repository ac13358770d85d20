import { GetZoneFiguresHandler } from './get-zone-figures.query';

/** 片区数据 a zone's figures: the handlers of every use case. */
export const FIGURES_HANDLERS = [GetZoneFiguresHandler];
