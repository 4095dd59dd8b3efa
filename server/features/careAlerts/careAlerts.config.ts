import { z } from 'zod';
import { DEFAULT_CARE_THRESHOLDS, type CareThresholds } from '../../../shared/domain/careRules.js';

const d = DEFAULT_CARE_THRESHOLDS;

/** The duty-of-care variables of the environment schema (server/env.ts parses them with the rest). */
export const CARE_ENV = {
  CARE_ALERT_CHECK_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
  CARE_OVER_CAPACITY_PCT: z.coerce.number().int().min(50).max(1000).default(d.overCapacityPct),
  CARE_CHECKLIST_NO_HOURS: z.coerce.number().min(0).max(720).default(d.checklistNoHours),
  CARE_CLINIC_RADIUS_KM: z.coerce.number().min(1).max(500).default(d.clinicRadiusKm),
  CARE_HOTLINE_DOWN_MINUTES: z.coerce.number().min(0).max(10_080).default(d.hotlineDownMinutes),
  CARE_RECONFIRM_HOURS: z.coerce.number().min(1).max(720).default(d.reconfirmHours),
  CARE_ALERT_LEVEL: z.coerce.number().int().min(1).max(5).default(d.alertLevel),
};

/**
 * Duty-of-care settings: the rules' thresholds and how often the timer evaluates them. `now` is a
 * test's fake clock (the rules, the timer and the alerts' times all read it); absent in production.
 */
export interface CareAlertConfig {
  checkMs: number;
  thresholds: CareThresholds;
  now?: () => Date;
  /** Evaluate after every relevant committed change (default true; tests evaluate when they choose). */
  onChange?: boolean;
  /**
   * Evaluations for changes start at least this far apart (milliseconds, default 1000): a change
   * in between is evaluated at the end of the gap, with every other change of it.
   */
  changeGapMs?: number;
}

type CareEnv = { [K in keyof typeof CARE_ENV]: number };

/** The settings from the parsed environment. */
export function careAlertConfig(e: CareEnv): CareAlertConfig {
  return {
    checkMs: e.CARE_ALERT_CHECK_SECONDS * 1000,
    thresholds: {
      overCapacityPct: e.CARE_OVER_CAPACITY_PCT,
      checklistNoHours: e.CARE_CHECKLIST_NO_HOURS,
      clinicRadiusKm: e.CARE_CLINIC_RADIUS_KM,
      hotlineDownMinutes: e.CARE_HOTLINE_DOWN_MINUTES,
      reconfirmHours: e.CARE_RECONFIRM_HOURS,
      alertLevel: e.CARE_ALERT_LEVEL,
    },
  };
}
