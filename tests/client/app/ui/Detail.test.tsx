// @vitest-environment jsdom
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useNavStore } from '../../../../client/src/app/navStore.js';
import {
  DetailFrame,
  ErrorNote,
  Fact,
  RecordLink,
  SimulatedBadge,
} from '../../../../client/src/app/ui/Detail.js';
import { StatusBadge } from '../../../../client/src/app/ui/StatusBadge.js';
import { useVersionedWrite } from '../../../../client/src/app/ui/useVersionedWrite.js';
import { setUpForms } from '../../render.js';

setUpForms();

describe('DetailFrame', () => {
  it('heads the panel with the name and badges, and lists the facts', () => {
    render(
      <DetailFrame
        data={{ 'data-testid': 'thing-panel', 'data-thing-id': 't1' }}
        title="Thing"
        badges={
          <>
            <StatusBadge
              status="open"
              colors={{ open: '#000' }}
              words="requestStatus"
              testId="thing-status"
            />
            <SimulatedBadge on />
            <SimulatedBadge on={false} />
          </>
        }
      >
        <dl className="kv">
          <Fact label="Kind" testId="thing-kind">
            Tent
          </Fact>
        </dl>
      </DetailFrame>,
    );
    const panel = screen.getByTestId('thing-panel');
    expect(panel.className).toBe('detail');
    expect(panel.dataset.thingId).toBe('t1');
    expect(screen.getByTestId('panel-name').textContent).toBe('Thing');
    expect(screen.getByTestId('thing-status').dataset.status).toBe('open');
    expect(panel.querySelectorAll('.badge--sim')).toHaveLength(1);
    expect(panel.querySelector('dt')!.textContent).toBe('Kind');
    expect(screen.getByTestId('thing-kind').tagName).toBe('DD');
  });

  it('opens the linked record in the detail column', () => {
    render(
      <RecordLink kind="service" id="s1">
        Clinic
      </RecordLink>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Clinic' }));
    expect(useNavStore.getState().detail).toEqual({ kind: 'service', id: 's1' });
  });

  it('announces a refusal unless told not to, and shows nothing without one', () => {
    const { container, rerender } = render(<ErrorNote text={null} />);
    expect(container.innerHTML).toBe('');
    rerender(<ErrorNote text="No" testId="err" />);
    expect(screen.getByTestId('err').getAttribute('role')).toBe('alert');
    rerender(<ErrorNote text="No" testId="err" announce={false} />);
    expect(screen.getByTestId('err').getAttribute('role')).toBeNull();
  });
});

describe('useVersionedWrite', () => {
  it('keeps the saved record, and on a 409 the server copy with the refusal in words', async () => {
    const upsert = vi.fn();
    const { result } = renderHook(() => useVersionedWrite<{ id: string; version: number }>(upsert));
    await act(() =>
      result.current.run(() => Promise.resolve({ ok: true, data: { id: 'a', version: 2 }, status: 200 })),
    );
    expect(upsert).toHaveBeenLastCalledWith({ id: 'a', version: 2 });
    expect(result.current.error).toBeNull();
    await act(() =>
      result.current.run(() =>
        Promise.resolve({
          ok: false,
          status: 409,
          error: { code: 'conflict', message: 'Changed meanwhile', current: { id: 'a', version: 3 } },
        }),
      ),
    );
    expect(upsert).toHaveBeenLastCalledWith({ id: 'a', version: 3 });
    expect(result.current.error).toBe('Changed meanwhile');
    expect(result.current.busy).toBe(false);
  });
});
