import { GetPreferencesHandler } from './get-preferences.query';
import { SetPreferencesHandler } from './set-preferences.command';

/** 通知设置: the handlers of every use case. */
export const PREFERENCES_HANDLERS = [GetPreferencesHandler, SetPreferencesHandler];
