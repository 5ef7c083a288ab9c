// The part of oidc-provider's API the test provider uses (the package ships no types).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };
  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        adapter?: new (name: string) => object;
        findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
        claims?: Record<string, string[]>;
        conformIdTokenClaims?: boolean;
        pkce?: { required?: () => boolean };
        features?: Record<string, { enabled: boolean }>;
      },
    );
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
