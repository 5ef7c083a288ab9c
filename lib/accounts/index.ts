// Schools (root accounts and sub-accounts): the acting user in a school, who administers where, settings, creation.
export * from "./actor.ts";
export * from "./accounts.ts";
export * from "./admin-scope.ts";
export * from "./permissions.ts";
export * from "./self-registration.ts";
export * from "./settings.ts";
export * from "./provisioning.ts";
export * from "./origin.ts";
