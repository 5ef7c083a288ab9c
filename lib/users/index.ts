// Users: the JSON DTO (json), resolving Canvas's user references (resolve), who may read whom
// (access) and the one user search (search). One entry point for callers.
export * from "./json.ts";
export * from "./resolve.ts";
export * from "./access.ts";
export * from "./search.ts";
export * from "./locale.ts";
