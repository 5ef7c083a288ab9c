// Enrollments through the API: the JSON and filters (json), listing (list), creating (create).
export * from "./enrollments/json.ts";
export * from "./enrollments/list.ts";
export * from "./enrollments/create.ts";
