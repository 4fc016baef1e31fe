import { checkDrawInput, SPOT_CHECK_YEARS } from './spot-check.service';

/** The draw's input rules that the calendar decides: the plan's years, and no year drawn before it begins. */
describe('a spot-check draw’s year', () => {
  const code = (run: () => unknown) => {
    try {
      run();
      return null;
    } catch (err) {
      return (err as { extensions?: { code?: string; field?: string } }).extensions;
    }
  };

  it('is a year of the plan', () => {
    expect(SPOT_CHECK_YEARS).toEqual({ first: 2024, last: 2025 });
    expect(code(() => checkDrawInput({ year: 2024, rate: 0.1 }, '2026-12-02'))).toBeNull();
    expect(code(() => checkDrawInput({ year: 2023, rate: 0.1 }, '2026-12-02'))).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
    expect(code(() => checkDrawInput({ year: 2024.5, rate: 0.1 }, '2026-12-02'))).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('is drawn in that year or later, never before it begins', () => {
    expect(code(() => checkDrawInput({ year: 2025, rate: 0.1 }, '2024-12-31'))).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
    expect(code(() => checkDrawInput({ year: 2025, rate: 0.1 }, '2025-01-01'))).toBeNull();
  });
});
