// The house rules as lint rules: see ARCHITECTURE.md for why each boundary exists.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const noDatabase = {
  group: [
    "@/lib/platform/db",
    "**/lib/platform/db",
    "**/lib/platform/db.ts",
    "@/lib/platform/generated/*",
    "**/lib/platform/generated/*",
    "@prisma/*",
    "pg",
  ],
  message: "Pages, actions and components reach data through a domain function in lib/, never the database.",
};

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/platform/generated/**",
      ".data/**",
      "test-results/**",
      "next-env.d.ts",
      "public/scalar/**",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  prettier,
  {
    files: ["**/*.{js,mjs,ts,tsx}"],
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Playwright's fixtures take a `use` callback that is not React's hook.
  { files: ["tests/e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/api/**", "lib/identity/session.ts", "lib/identity/auth.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*", "next", "next/*"],
              message:
                "lib/ is the domain layer: it never imports app/, components/ or Next.js (only lib/api/ and lib/identity/session.ts and auth.ts adapt to Next).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/api/**/*.{ts,tsx}", "lib/identity/session.ts", "lib/identity/auth.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
              message: "lib/ never imports app/ or components/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDatabase] }] },
  },
];

export default config;
