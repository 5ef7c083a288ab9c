// `npm run dev:idp`: a local OpenID provider (the tests' oidc-provider, tests/helpers/oidc-idp.ts)
// at http://127.0.0.1:4400 with the demo users, for trying single sign-on against `npm start`.
// Connect the demo school with the command it prints; sign in at the provider with a demo login
// (any password).
import { startIdp } from "../tests/helpers/oidc-idp.ts";

const PORT = Number(process.env.IDP_PORT ?? 4400);
const APP = new URL(process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`);
const CLIENT = { clientId: "demo-app", clientSecret: "demo-idp-secret" };
const USERS = ["student1", "student2", "student3", "teacher", "admin"].map((n) => `${n}@demo.test`);

const idp = await startIdp({ port: PORT });
for (const email of [...USERS, "student@riverside.test"])
  idp.addUser({ sub: email, email, email_verified: true, name: email.split("@")[0] });
// The redirect URI ends in the provider's id, which the app gives when it is added: the first 50
// are registered, on the demo school's host and Riverside's.
const hosts = [APP.host, `riverside.localhost:${APP.port || 80}`];
idp.addClient({
  ...CLIENT,
  redirectUris: hosts.flatMap((h) =>
    Array.from({ length: 50 }, (_, i) => `${APP.protocol}//${h}/api/auth/callback/sso-${i + 1}`),
  ),
});
process.stdout.write(
  `Demo OpenID provider at ${idp.issuer} (users: ${USERS.join(", ")}; any password).\n` +
    `Connect the demo school (with the app's database, e.g. while npm start runs):\n\n` +
    `  npm run --silent cli -- sso add --host localhost --name "Students and staff: Sign in with the demo provider" ` +
    `--issuer ${idp.issuer} --client-id ${CLIENT.clientId} --client-secret ${CLIENT.clientSecret}\n\n`,
);
