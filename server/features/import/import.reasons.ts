import type { z } from 'zod';
import type { ExportLang } from '../export/export.columns.js';

/** Why a cell or row was refused, as a code and its values; the report says it in the caller's language. */
export type Reason =
  | { code: 'not_integer' }
  | { code: 'not_number' }
  | { code: 'not_boolean' }
  | { code: 'required' }
  | { code: 'not_allowed'; allowed: string[] }
  | { code: 'out_of_range'; detail: string }
  | { code: 'unknown_id' }
  | { code: 'foreign_id' }
  | { code: 'fixed'; what: 'province' | 'organisation' }
  | { code: 'refused'; detail: string }
  | { code: 'invalid'; detail: string };

const TEXT: Record<ExportLang, (r: Reason) => string> = {
  vi: (r) => {
    switch (r.code) {
      case 'not_integer':
        return 'không phải số nguyên không âm';
      case 'not_number':
        return 'không phải số';
      case 'not_boolean':
        return 'cần "có" hoặc "không" (true/false)';
      case 'required':
        return 'bắt buộc, đang để trống';
      case 'not_allowed':
        return `không thuộc các giá trị cho phép: ${r.allowed.join(', ')}`;
      case 'out_of_range':
        return `ngoài giới hạn (${r.detail})`;
      case 'unknown_id':
        return 'không có bản ghi nào với mã này';
      case 'foreign_id':
        return 'không phải mã của hệ thống này (để trống để thêm bản ghi mới)';
      case 'fixed':
        return r.what === 'province'
          ? 'không đổi được tỉnh bằng cách nhập tệp'
          : 'không đổi được tổ chức bằng cách nhập tệp';
      case 'refused':
        return `không lưu được: ${r.detail}`;
      case 'invalid':
        return `không hợp lệ: ${r.detail}`;
    }
  },
  en: (r) => {
    switch (r.code) {
      case 'not_integer':
        return 'not a whole number of zero or more';
      case 'not_number':
        return 'not a number';
      case 'not_boolean':
        return 'needs yes or no (true/false)';
      case 'required':
        return 'required, but empty';
      case 'not_allowed':
        return `not one of the allowed values: ${r.allowed.join(', ')}`;
      case 'out_of_range':
        return `out of range (${r.detail})`;
      case 'unknown_id':
        return 'no record has this ID';
      case 'foreign_id':
        return 'not an ID of this system (leave it empty to add a new record)';
      case 'fixed':
        return r.what === 'province'
          ? 'the province cannot change by import'
          : 'the organisation cannot change by import';
      case 'refused':
        return `not stored: ${r.detail}`;
      case 'invalid':
        return `invalid: ${r.detail}`;
    }
  },
};

/** The reason in the caller's language. */
export const reasonText = (r: Reason, lang: ExportLang): string => TEXT[lang](r);

/** A schema issue as a reason. */
export function issueReason(issue: z.core.$ZodIssue, input: unknown): Reason {
  if (issue.code === 'invalid_type' && input === undefined) return { code: 'required' };
  if (issue.code === 'invalid_value') return { code: 'not_allowed', allowed: issue.values.map(String) };
  if (issue.code === 'too_big' || issue.code === 'too_small')
    return { code: 'out_of_range', detail: issue.message };
  return { code: 'invalid', detail: issue.message };
}
