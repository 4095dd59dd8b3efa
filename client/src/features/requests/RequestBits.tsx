import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../app/ui/StatusBadge.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';

const STATUS_COLORS: Record<CoordinationRequest['status'], string> = {
  open: '#b91c1c',
  escalated: '#7e22ce',
  acknowledged: '#b45309',
  in_progress: '#0369a1',
  done: '#15803d',
  declined: '#475569',
  cancelled: '#475569',
};

/** Request status as a coloured badge with its word. */
export function RequestStatusBadge({ status }: { status: CoordinationRequest['status'] }) {
  return <StatusBadge status={status} colors={STATUS_COLORS} words="requestStatus" testId="request-status" />;
}

/** Priority in words, life-saving marked. */
export function PriorityBadge({ priority }: { priority: CoordinationRequest['priority'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge--prio-${priority}`}>{t(`priority.${priority}`)}</span>;
}
