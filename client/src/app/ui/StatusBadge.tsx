/** A status as a coloured badge with its word (colour never carries meaning alone). */
export function StatusBadge(p: { status: string; color: string; label: string; testId: string }) {
  return (
    <span
      className="badge badge--status"
      style={{ background: p.color }}
      data-testid={p.testId}
      data-status={p.status}
    >
      {p.label}
    </span>
  );
}
