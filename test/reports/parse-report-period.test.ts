import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInPeriod, parseReportPeriod, periodKey } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const ZONES = ['UTC', 'Europe/Madrid', 'America/Lima', 'Pacific/Auckland'] as const;
const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

describe('parseReportPeriod', () => {
  it.each([
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-H1', '2026-01-01', '2026-06-30'],
    ['2026-h2', '2026-07-01', '2026-12-31'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['2027-W01', '2027-01-04', '2027-01-10'],
    ['2026-03-02', '2026-03-02', '2026-03-02'],
    [' 2026-03-01 .. 2026-03-15 ', '2026-03-01', '2026-03-15'],
    ['0050-Q1', '0050-01-01', '0050-03-31'],
  ])('reads %s as its whole days', (text, from, to) => {
    expect(parseReportPeriod(text, 'Europe/Madrid')).toEqual({ from, to, timeZone: 'Europe/Madrid' });
  });

  it.each(['', '26', '2026-13', '2026-00', '2026-Q5', '2026-H3', '2025-W53', '2026-W00', '2026-02-30', '2026-03-15..2026-03-01', '2026-03-01..2026-02-30', 'march', '2026/03', '2026'.repeat(20)])(
    'refuses %j with INVALID_ARGUMENT and a message that does not repeat it',
    (text) => {
      let message = '';
      try {
        parseReportPeriod(text, 'UTC');
      } catch (error) {
        message = error instanceof Error ? error.message : '';
      }
      expect(codeOf(() => parseReportPeriod(text, 'UTC'))).toBe('INVALID_ARGUMENT');
      if (text.trim().length > 4) expect(message).not.toContain(text.trim());
    },
  );

  it('refuses a zone the runtime does not know, and input that is not text', () => {
    expect(codeOf(() => parseReportPeriod('2026-Q1', 'Mars/Olympus'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseReportPeriod(2026 as unknown as string, 'UTC'))).toBe('INVALID_ARGUMENT');
  });

  it('holds every instant in the period whose key periodKey gives it, in the same zone', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('day', 'month', 'quarter', 'year' as const), fc.constantFrom(...ZONES), (at, unit, timeZone) => {
        expect(isInPeriod(at, parseReportPeriod(periodKey(at, unit, { timeZone }), timeZone))).toBe(true);
      }),
    );
  });

  it('cuts a year into 52 or 53 ISO weeks that follow each other without gap or overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const weeks = [];
        for (let week = 1; week <= 53; week++) {
          try {
            weeks.push(parseReportPeriod(`${String(year)}-W${String(week).padStart(2, '0')}`, 'UTC'));
          } catch {
            break;
          }
        }
        expect(weeks.length === 52 || weeks.length === 53).toBe(true);
        for (let at = 1; at < weeks.length; at++) {
          const previous = new Date(`${weeks[at - 1]?.to ?? ''}T00:00:00Z`).getTime();
          expect(new Date(`${weeks[at]?.from ?? ''}T00:00:00Z`).getTime() - previous).toBe(86_400_000);
        }
        const next = parseReportPeriod(`${String(year + 1)}-W01`, 'UTC');
        expect(new Date(`${next.from}T00:00:00Z`).getTime() - new Date(`${weeks.at(-1)?.to ?? ''}T00:00:00Z`).getTime()).toBe(86_400_000);
      }),
    );
  });
});
