// Enrollments through the API: the JSON and filters (json), listing (list), creating (create).
export * from "./json.ts";
export * from "./list.ts";
export * from "./create.ts";
