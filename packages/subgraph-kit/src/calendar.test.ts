import { addDays } from './calendar';

describe('addDays', () => {
  it('crosses months, leap days and years, both ways', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-06-30', 0)).toBe('2025-06-30');
    expect(addDays('2026-03-01', -90)).toBe('2025-12-01');
  });
});
