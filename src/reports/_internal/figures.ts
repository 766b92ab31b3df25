// The fold behind every figure of won, lost and open deals: a deal is read once, its amount
// converted once, and its figures added to the total and to one group per grouping. Sums are kept
// in whole minor units of the report currency, so groups add up to the total exactly, whatever the
// order the deals come in.
import type { CalendarDate } from '../../kernel/index.js';
import { toCalendarDate } from '../../kernel/index.js';
import type { Money } from '../../money/index.js';
import { addMoney, getCurrency, money, moneyFromMinor } from '../../money/index.js';
import type { Pipeline } from '../../pipelines/index.js';
import type { RateUsed, Unconverted } from '../report-currency.js';
import { Converter } from '../report-currency.js';
import type { CurrencySettings } from './inputs.js';
import { durationsOf } from './inputs.js';

/** Figures of a set of deals, every amount in the report currency. */
export interface SalesFigures {
  readonly won: { readonly count: number; readonly amount: Money };
  readonly lost: { readonly count: number; readonly amount: Money };
  readonly open: { readonly count: number; readonly amount: Money; readonly weighted: Money };
  /** Won over won and lost; `null` without closed deals. */
  readonly winRate: number | null;
  /** The won amount over the won deals whose amount was converted; `null` without any. */
  readonly averageDealSize: Money | null;
  /** From creation to close of the won deals, in milliseconds; `null` without any. */
  readonly cycle: { readonly meanMs: number | null; readonly medianMs: number | null };
}

/** The amounts of one original currency, before conversion (those converted and those not). */
export interface CurrencySubtotal {
  readonly currency: string;
  readonly won: Money;
  readonly lost: Money;
  readonly open: Money;
}

/** What the sales metrics read of a deal (a stored deal has all of it). */
export interface MetricsDeal {
  readonly id: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly createdAt: Date;
  readonly closedAt?: Date | undefined;
  readonly amount?: Money | undefined;
  /** 0–100. */
  readonly probability?: number | undefined;
}

/** What the fold reads of a deal, already checked. */
export type FoldDeal = Omit<MetricsDeal, 'id'>;

/** Won, lost or open, by the semantic of a deal's stage. */
export type Outcome = 'won' | 'lost' | 'open';

// A sum of whole minor units: a number while it is safe, a bigint after.
class Units {
  #small = 0;
  #big: bigint | undefined;

  add(units: number | bigint): void {
    if (this.#big === undefined && typeof units === 'number') {
      const next = this.#small + units;
      if (Number.isSafeInteger(next)) {
        this.#small = next;
        return;
      }
    }
    this.#big = (this.#big ?? BigInt(this.#small)) + BigInt(units);
  }

  get units(): number | bigint {
    return this.#big ?? this.#small;
  }

  money(currency: string): Money {
    return moneyFromMinor(this.units, currency);
  }
}

// The minor units of an amount written canonically at its currency's scale (what conversion gives).
function unitsOf(amount: string, scale: number): number | bigint {
  const point = amount.indexOf('.');
  const digits = point < 0 ? amount + '0'.repeat(scale) : amount.slice(0, point) + amount.slice(point + 1).padEnd(scale, '0');
  const units = Number(digits);
  return Number.isSafeInteger(units) ? units : BigInt(digits);
}

class Figures {
  readonly count = { won: 0, lost: 0, open: 0 };
  readonly sum = { won: new Units(), lost: new Units(), open: new Units(), weighted: new Units() };
  convertedWon = 0;
  readonly cycles: number[] = [];

  add(outcome: Outcome, converted: number | bigint | undefined, weighted: number | bigint | undefined, cycleMs: number | undefined): void {
    this.count[outcome]++;
    if (converted !== undefined) {
      this.sum[outcome].add(converted);
      if (outcome === 'won') this.convertedWon++;
    }
    if (weighted !== undefined) this.sum.weighted.add(weighted);
    if (cycleMs !== undefined) this.cycles.push(cycleMs);
  }

  result(currency: string): SalesFigures {
    const { won, lost, open } = this.count;
    return {
      won: { count: won, amount: this.sum.won.money(currency) },
      lost: { count: lost, amount: this.sum.lost.money(currency) },
      open: { count: open, amount: this.sum.open.money(currency), weighted: this.sum.weighted.money(currency) },
      winRate: won + lost === 0 ? null : won / (won + lost),
      // The won amount over the count, in whole minor units: exact, with no float step.
      averageDealSize: this.convertedWon === 0 ? null : moneyFromMinor(divideHalfAway(BigInt(this.sum.won.units), BigInt(this.convertedWon)), currency),
      cycle: durationsOf(this.cycles),
    };
  }
}

// A whole number over a positive one, rounded half away from zero.
function divideHalfAway(dividend: bigint, divisor: bigint): bigint {
  const sign = dividend < 0n ? -1n : 1n;
  const size = dividend * sign;
  return (size / divisor + (2n * (size % divisor) >= divisor ? 1n : 0n)) * sign;
}

/** The figures of deals, in total and per group of each grouping, folded one deal at a time. */
export class FiguresFold {
  readonly #currency: string;
  readonly #scale: number;
  readonly #policy: CurrencySettings['policy'];
  readonly #reportDate: CurrencySettings['reportDate'];
  readonly #outcomes: ReadonlyMap<string, ReadonlyMap<string, Outcome>>;
  readonly #converter: Converter;
  readonly #total = new Figures();
  readonly #groups: Map<string, Figures>[];
  readonly #original = new Map<string, { won: Money; lost: Money; open: Money }>();
  readonly #days = new Map<number, CalendarDate>();

  constructor(settings: CurrencySettings, groupings: number) {
    this.#currency = settings.currency;
    this.#scale = getCurrency(settings.currency).minorUnits;
    this.#policy = settings.policy;
    this.#reportDate = settings.reportDate;
    this.#outcomes = outcomesOf(settings.pipelines);
    this.#converter = new Converter(settings.currency, settings.rates, settings.policy);
    this.#groups = Array.from({ length: groupings }, () => new Map<string, Figures>());
  }

  /** Won, lost or open; `undefined` for a deal outside the pipelines. */
  outcomeOf(deal: FoldDeal): Outcome | undefined {
    return this.#outcomes.get(deal.pipelineId)?.get(deal.stageId);
  }

  /** Adds a deal of the pipelines: to the total and, per grouping, to the group of `keys[i]`. */
  add(deal: FoldDeal, outcome: Outcome, keys: readonly string[]): void {
    let converted: number | bigint | undefined;
    let weighted: number | bigint | undefined;
    const { amount } = deal;
    if (amount !== undefined) {
      const kept = this.#original.get(amount.currency);
      if (kept === undefined) {
        const zero = money('0', amount.currency);
        this.#original.set(amount.currency, { won: zero, lost: zero, open: zero, [outcome]: amount });
      } else kept[outcome] = addMoney(kept[outcome], amount);
      const on = this.#policy.kind === 'rateOnCloseDate' && outcome !== 'open' && deal.closedAt !== undefined ? this.#dayOf(deal.closedAt) : this.#reportDate;
      const inReport = this.#converter.convert(amount, on);
      if (inReport !== undefined) {
        converted = unitsOf(inReport.amount, this.#scale);
        if (outcome === 'open') weighted = weigh(converted, deal.probability ?? 0);
      }
    }
    const cycleMs = outcome === 'won' && deal.closedAt !== undefined ? Math.max(0, deal.closedAt.getTime() - deal.createdAt.getTime()) : undefined;
    this.#total.add(outcome, converted, weighted, cycleMs);
    keys.forEach((key, at) => {
      const groups = this.#groups[at];
      if (groups === undefined) return;
      let figures = groups.get(key);
      if (figures === undefined) {
        figures = new Figures();
        groups.set(key, figures);
      }
      figures.add(outcome, converted, weighted, cycleMs);
    });
  }

  // The UTC day of an instant (the day of its rates), remembered: many deals close on one day.
  #dayOf(instant: Date): CalendarDate {
    const number = Math.floor(instant.getTime() / 86_400_000);
    let day = this.#days.get(number);
    if (day === undefined) {
      day = toCalendarDate(instant);
      // Stryker disable next-line ConditionalExpression: a bounded memo; past the bound a day is only written again
      if (this.#days.size < 100_000) this.#days.set(number, day);
    }
    return day;
  }

  /** The total's figures. */
  total(): SalesFigures {
    return this.#total.result(this.#currency);
  }

  /** The groups of grouping `at`, in order of their keys. */
  groups(at: number): { readonly key: string; readonly figures: SalesFigures }[] {
    return [...(this.#groups[at] ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, figures]) => ({ key, figures: figures.result(this.#currency) }));
  }

  /** Per original currency, the amounts before conversion. */
  byCurrency(): CurrencySubtotal[] {
    return [...this.#original].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, kept]) => ({ currency, ...kept }));
  }

  ratesUsed(): RateUsed[] {
    return this.#converter.ratesUsed();
  }

  unconverted(): Unconverted[] {
    return this.#converter.unconverted();
  }
}

// Each pipeline's stages as won, lost or open.
function outcomesOf(pipelines: readonly Pipeline[]): Map<string, Map<string, Outcome>> {
  return new Map(pipelines.map((pipeline) => [pipeline.id, new Map(pipeline.stages.map((stage) => [stage.id, stage.semantic === 'success' ? 'won' : stage.semantic === 'failure' ? 'lost' : 'open']))]));
}

// An amount times a probability in percent, rounded half away from zero to whole minor units.
function weigh(units: number | bigint, probability: number): number | bigint {
  // A probability with more than 6 decimals is read to 6: no CRM stores finer.
  const hundredths = Math.round(probability * 1e6);
  if (typeof units === 'number' && Number.isSafeInteger(units * hundredths)) {
    const size = Math.abs(units * hundredths);
    const whole = Math.floor(size / 1e8);
    const rounded = whole + (2 * (size - whole * 1e8) >= 1e8 ? 1 : 0);
    return units < 0 ? -rounded : rounded;
  }
  const rounded = divideHalfAway(BigInt(units) * BigInt(hundredths), 100_000_000n);
  return Number.isSafeInteger(Number(rounded)) ? Number(rounded) : rounded;
}
