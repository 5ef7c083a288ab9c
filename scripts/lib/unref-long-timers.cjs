// Preloaded into the Prisma CLI: its wasm schema engine leaves a 10 s timer behind after a command
// has finished, which keeps the process alive. Long timers must not hold the CLI open.
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const t = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && t && typeof t.unref === "function") t.unref();
  return t;
};
