import { describe, expect, it, vi } from 'vitest';

// Imported inside the test, not at the top: a module that fails while it builds its tables then fails
// this test, rather than the loading of the file, which reports no test at all.
describe('loading the money module', () => {
  it('builds the currency table and the decimal context, which every function needs', async () => {
    const money = await import('../../src/money/index.js');
    expect(money.getCurrency('EUR').minorUnits).toBe(2);
    expect(money.listCurrencies().map((currency) => currency.code)).toContain('JPY');
    expect(money.multiplyMoney(money.money('0.0000001', 'EUR'), '0.0000001').amount).toBe('0.00000000000001');
  });

  it('remembers no text before the first one read: a fresh module refuses empty text and reads zero', async () => {
    vi.resetModules();
    const first = await import('../../src/money/_internal/small.js');
    expect(() => first.parseUnits('')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    vi.resetModules();
    const second = await import('../../src/money/_internal/small.js');
    expect(second.scaleOf('0.50')).toBe(2);
    expect(second.parseUnits('0')).toBe(0);
    expect(second.scaleOf('0')).toBe(0);
  });
});
