// Users: the JSON DTO (json), resolving Canvas's user references (resolve), who may read whom
// (access) and the one user search (search). One entry point for callers.
export * from "./users/json.ts";
export * from "./users/resolve.ts";
export * from "./users/access.ts";
export * from "./users/search.ts";
