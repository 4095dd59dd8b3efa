import { resolveThresholds } from '../../../shared/domain/suppression.js';

/** Suppression thresholds in force: the floor of SPEC 2.4 (configuration may only raise them). */
export const THRESHOLDS = resolveThresholds();
