import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { LIMITS } from '../../shared/limits.js';

// zxcvbn's score runs 0 (guessable in a few tries) to 4; 3 is "safely unguessable" against an online
// attack even without throttling (about 10^8 guesses), and is what zxcvbn itself recommends as a floor.
const MIN_SCORE = 3;

// Built once: loading the dictionaries (about 40 000 common passwords and words) takes a moment.
let estimator: ZxcvbnFactory | null = null;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
  }));

/**
 * Why a new password is refused, or null when it is acceptable: at least LIMITS.passwordMin
 * characters and not common, repetitive or derived from the user's own name (zxcvbn score >= 3).
 * Applied wherever a password is set; never at sign-in (the demo users keep `demo`, SPEC 9).
 */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if ([...password].length < LIMITS.passwordMin)
    return `must be at least ${LIMITS.passwordMin} characters (a few unrelated words work well)`;
  if (password.length > LIMITS.passwordMax) return `must be at most ${LIMITS.passwordMax} characters`;
  const inputs = [...userInputs, 'safe haven ops', 'safehaven', 'admin'].filter(Boolean);
  const r = zxcvbn().check(password, inputs);
  if (r.score < MIN_SCORE)
    return 'is too common or easy to guess: use a longer phrase of unrelated words, not a name, date or pattern';
  return null;
}
