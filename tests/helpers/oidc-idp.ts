// A real OpenID provider for tests and `npm run dev:idp`: oidc-provider (a certified
// implementation) on a free loopback port, with its development login form, users and clients
// added by the caller, state kept in memory.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** The provider's user: `sub` is also what its development login form takes (any password). */
export type IdpUser = { sub: string } & Record<string, unknown>;
export type Idp = {
  issuer: string;
  addUser(user: IdpUser): void;
  addClient(client: { clientId: string; clientSecret: string; redirectUris: string[] }): void;
  close(): Promise<void>;
};

/** oidc-provider's storage interface over one Map (what its quick-start adapter does, minus the warning). */
function memoryAdapter(store: Map<string, Record<string, unknown>>) {
  return class MemoryAdapter {
    constructor(private name: string) {}
    private key = (id: string) => `${this.name}:${id}`;
    private where = (test: (p: Record<string, unknown>) => boolean) =>
      [...store.entries()].find(([k, p]) => k.startsWith(`${this.name}:`) && test(p))?.[1];
    async upsert(id: string, payload: Record<string, unknown>) {
      store.set(this.key(id), payload);
    }
    async find(id: string) {
      return store.get(this.key(id));
    }
    async findByUid(uid: string) {
      return this.where((p) => p.uid === uid);
    }
    async findByUserCode(userCode: string) {
      return this.where((p) => p.userCode === userCode);
    }
    async consume(id: string) {
      const p = store.get(this.key(id));
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [k, p] of store) if (p.grantId === grantId) store.delete(k);
    }
  };
}

export async function startIdp(options: { port?: number } = {}): Promise<Idp> {
  const users = new Map<string, IdpUser>();
  const store = new Map<string, Record<string, unknown>>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(store),
    async findAccount(_ctx, id) {
      const user = users.get(id);
      return user && { accountId: id, claims: async () => ({ ...user }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "sis_id"] },
    // Claims in the ID token itself, as Google, Entra ID and Clever send them.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    addUser: (user) => users.set(user.sub, user),
    addClient: ({ clientId, clientSecret, redirectUris }) =>
      store.set(`Client:${clientId}`, {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris.map((u) => new URL("/login", u).href),
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
