import { AssignPostHandler } from './assign-post.command';
import { ClosePledgeHandler } from './close-pledge.command';
import { MakePledgeHandler } from './make-pledge.command';
import { ReleasePostHandler } from './release-post.command';

/** 承诺践诺、先锋岗 pledges and vanguard posts: the handlers of every use case. */
export const PLEDGE_HANDLERS = [AssignPostHandler, ClosePledgeHandler, MakePledgeHandler, ReleasePostHandler];
