// Throttling of guesses: pairing codes, observee credentials, sign-in (docs/security.md "Throttling of code guesses").
export { type Limit } from "./counters.ts";
export { THROTTLED_MESSAGE, throttledAttempt, type Attempt, type AttemptOptions } from "./attempt.ts";
export { CHALLENGE_COST, CHALLENGE_MESSAGE } from "./challenge.ts";
export { GUESS_LIMITS, guessLimits, SIGN_IN_LIMITS, signInLimits } from "./limits.ts";
export { triesLeft } from "./tries-left.ts";
