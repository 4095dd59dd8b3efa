import type * as ValidateModule from './validate.js';

type Validator = typeof ValidateModule;

let validatorLoad: Promise<Validator> | null = null;
let validator: Validator | null = null;

/**
 * The schemas (zod and every domain's) are a chunk of their own, fetched beside the snapshot:
 * nothing from the server is applied before they are here.
 */
export function loadValidator(): Promise<Validator> {
  validatorLoad ??= import('./validate.js').then((m) => (validator = m));
  return validatorLoad;
}

/** The schemas once loaded; null before. */
export const loadedValidator = (): Validator | null => validator;
