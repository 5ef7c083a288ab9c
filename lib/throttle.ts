// Throttling of guesses: pairing codes, observee credentials, sign-in (README "Throttling of code guesses").
export { type Limit } from "./throttle/counters.ts";
export {
  THROTTLED_MESSAGE,
  throttledAttempt,
  type Attempt,
  type AttemptOptions,
} from "./throttle/attempt.ts";
export { CHALLENGE_DIFFICULTY, CHALLENGE_MESSAGE } from "./throttle/challenge.ts";
export { GUESS_LIMITS, guessLimits, SIGN_IN_LIMITS, signInLimits } from "./throttle/limits.ts";
export { triesLeft } from "./throttle/tries-left.ts";
