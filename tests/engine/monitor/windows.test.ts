import { describe, expect, it } from 'vitest';
import { feed, HOUR, monitorFor, request, stream, WINDOW } from './fixtures';

describe('tumbling windows', () => {
  it('aligns windows to 0 and closes a window only once its end is reached', () => {
    const m = monitorFor();
    m.observe(request(0, 0));
    m.observe(request(1, WINDOW - 1));
    expect(m.advanceTo(WINDOW - 1)).toEqual([]);
    const closed = m.advanceTo(WINDOW);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ index: 0, start: 0, end: WINDOW, requests: 2 });
    m.observe(request(2, WINDOW));
    const next = m.advanceTo(2 * WINDOW);
    expect(next[0]).toMatchObject({ index: 1, start: WINDOW, requests: 1 });
  });

  it('closes empty windows too, with a request rate of 0', () => {
    const m = monitorFor();
    m.observe(request(0, 10));
    const closed = m.advanceTo(4 * WINDOW + 1);
    expect(closed.map((w) => w.index)).toEqual([0, 1, 2, 3]);
    expect(closed.slice(1).map((w) => w.system.requestRate)).toEqual([0, 0, 0]);
    expect(closed[1].output.flagRate).toBeNull();
  });

  it('closes windows on its own when a request arrives past the open window', () => {
    const m = monitorFor();
    m.observe(request(0, 0));
    m.observe(request(1, 2 * WINDOW + 5));
    const closed = m.advanceTo(2 * WINDOW + 10);
    expect(closed.map((w) => w.requests)).toEqual([1, 0]);
  });

  it('computes the request rate per second over the window', () => {
    const m = monitorFor();
    const closed = feed(m, stream(0, WINDOW, 120, 1), WINDOW);
    expect(closed[0].requests).toBe(600);
    expect(closed[0].system.requestRate).toBeCloseTo(2, 10);
  });

  it('honours another window size', () => {
    const m = monitorFor({ window: '1m' });
    const closed = feed(m, stream(0, HOUR / 6, 60, 2), HOUR / 6);
    expect(closed).toHaveLength(10);
    expect(closed[9].end).toBe(HOUR / 6);
  });
});
