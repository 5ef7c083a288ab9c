// The audit log: the one list of actions and methods, recording an event in its transaction, and every event in words.
export * from "./events.ts";
export * from "./words.ts";
export * from "./method-words.ts";
