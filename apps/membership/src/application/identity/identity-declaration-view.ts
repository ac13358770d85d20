import type { IdentityDeclaration } from '../../domain/identity/identity-declaration';

export type DeclarationView = IdentityDeclaration & { version: number; phone?: string | null };
