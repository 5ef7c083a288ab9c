// The Canvas-compatible REST plumbing: endpoint contracts, bearer auth, masquerading, parameters, Canvas's error shapes, the OpenAPI document.
export * from "./route.ts";
export * from "./endpoint.ts";
export * from "./respond.ts";
export * from "./path.ts";
export * from "./paginate.ts";
export * from "./params.ts";
export * from "./openapi.ts";
