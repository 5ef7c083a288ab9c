// Bulk imports (Canvas SIS CSVs, the family roster, OneRoster): formats, staging, applying as jobs, reports; the demo data.
export * from "./imports.ts";
export * from "./formats.ts";
export * from "./read.ts";
export * from "./json.ts";
export * from "./demo-seed.ts";
export * from "./change-log.ts";
