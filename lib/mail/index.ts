// Mail and notifications: the transactional outbox and its delivery jobs, one-time links issued as an email is sent, texts.
export * from "./outbox.ts";
export * from "./one-time-links.ts";
export * from "./notifications.ts";
export * from "./texts.ts";
