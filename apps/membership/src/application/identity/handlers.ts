import { ConcludeIdentityDeclarationHandler } from './conclude-identity-declaration.command';
import { DeclareIdentityHandler } from './declare-identity.command';
import { GetIdentityDeclarationHandler } from './get-identity-declaration.query';
import { ListIdentityDeclarationsHandler } from './list-identity-declarations.query';
import { ReviewIdentityDeclarationHandler } from './review-identity-declaration.command';

/** 亮身份 identity declarations: the handlers of every use case. */
export const IDENTITY_HANDLERS = [
  DeclareIdentityHandler,
  ReviewIdentityDeclarationHandler,
  ConcludeIdentityDeclarationHandler,
  GetIdentityDeclarationHandler,
  ListIdentityDeclarationsHandler,
];
