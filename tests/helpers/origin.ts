// What a school's links must start with (lib/accounts/origin.ts), written out independently:
// APP_URL's scheme and port with the school's domain, or APP_URL itself for a school without one.
export function expectedOrigin(domain: string | null): string {
  const app = new URL(process.env.APP_URL!);
  return domain ? `${app.protocol}//${domain}${app.port ? `:${app.port}` : ""}` : app.origin;
}
