import { describe, expect, it } from 'vitest';
import { CostsSchema } from '../../../shared/cost/costConfig.js';
import {
  allocateCosts,
  type CostedMessage,
  dailyOverhead,
  messageFee,
  microsToMinor,
  outcomeProfit,
  ROI_ATTRIBUTED_LABEL,
  roiAttributed,
} from '../../../shared/cost/costModel.js';

const FEES = {
  currency: 'USD',
  smsPerSegmentMicros: { US: 7900, GB: 40000, DEFAULT: 50000 },
  mmsPerMessageMicros: { US: 20000, DEFAULT: 100000 },
};
const COSTS = CostsSchema.parse({
  smsCountry: 'US',
  platformMonthlyMinor: 31_000,
  toolingMonthlyMinor: 6_200,
  labor: { demo: { hoursPerMonth: 10, hourlyRateMinor: 3_100 } },
  defaultMarginRate: 0.3,
});
const sms = { channel: 'sms' as const, priceMicros: null, priceCurrency: null };

describe('Function: messageFee', () => {
  it.each([
    // segments x per-segment fee of the country
    [{ ...sms, segments: 3 }, 3 * 7900, 'configured'],
    [{ ...sms, segments: 2, country: 'GB' }, 2 * 40000, 'configured'],
    [{ ...sms, segments: 1, country: 'FR' }, 50000, 'configured'], // no FR fee: DEFAULT
    [{ ...sms, segments: null }, 7900, 'configured'], // no count: one segment, the minimum billed
    [{ ...sms, segments: 4, mms: true }, 20000, 'configured'], // MMS: per message
    [{ ...sms, segments: 2, priceMicros: 16_500, priceCurrency: 'USD' }, 16_500, 'vendor'],
    [{ ...sms, segments: 2, priceMicros: 16_500, priceCurrency: 'EUR' }, 2 * 7900, 'configured'],
    [{ ...sms, channel: 'email' as const, segments: null }, 0, 'none'],
  ])('prices %o at %i micros (%s)', (message, micros, source) => {
    expect(messageFee(message, FEES, COSTS)).toMatchObject({ micros, source });
  });
});

describe('Function: allocateCosts', () => {
  const day = '2026-12-01'; // December: 31 days
  const messages: CostedMessage[] = [
    { ...sms, segments: 1, day, programId: 'demo' },
    { ...sms, segments: 2, day, programId: 'demo' },
    { ...sms, segments: 1, day, programId: 'growth' },
    { ...sms, segments: 1, day, programId: 'growth' },
  ];

  it('spreads the day’s platform and tooling over all messages and labor over the program’s', () => {
    const costs = allocateCosts(messages, [day, '2026-12-02'], FEES, COSTS);
    // platform 31,000 cents / 31 days = 1,000 cents = 10,000,000 micros a day, / 4 messages.
    expect(Array.from(costs.platform)).toEqual([2_500_000, 2_500_000, 2_500_000, 2_500_000]);
    // tooling 6,200 / 31 = 200 cents = 2,000,000 micros a day, / 4.
    expect(Array.from(costs.tooling)).toEqual([500_000, 500_000, 500_000, 500_000]);
    // labor 10 h x 3,100 = 31,000 cents / 31 = 1,000 cents a day, over demo's 2 messages only.
    expect(Array.from(costs.labor)).toEqual([5_000_000, 5_000_000, 0, 0]);
    expect(Array.from(costs.fee)).toEqual([7900, 15800, 7900, 7900]);
    expect(Array.from(costs.segments)).toEqual([1, 2, 1, 1]);
    // The 2nd has no message: its platform, tooling and labor stay unallocated.
    expect(costs.unallocated).toEqual({ platform: 10_000_000, tooling: 2_000_000, labor: 10_000_000 });
  });

  it('allocates the whole overhead of a day with messages: the parts sum to the day', () => {
    const costs = allocateCosts(messages, [day], FEES, COSTS);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    const overhead = dailyOverhead(day, COSTS, 'USD');
    expect(sum(costs.platform)).toBe(overhead.platform);
    expect(sum(costs.labor)).toBe(overhead.labor.demo);
  });
});

describe('Function: microsToMinor, roiAttributed, outcomeProfit', () => {
  it('rounds micros to cents once, half away from zero, and to yen without decimals', () => {
    expect(microsToMinor(32_700, 'USD')).toBe(3); // 3.27 cents
    expect(microsToMinor(35_000, 'USD')).toBe(4); // 3.5 cents
    expect(microsToMinor(1_500_000, 'JPY')).toBe(2); // 1.5 yen
  });

  it('is (profit - cost) / cost, null without cost, labelled attributed', () => {
    expect(roiAttributed(3_000, 1_000)).toBe(2);
    expect(roiAttributed(500, 1_000)).toBe(-0.5);
    expect(roiAttributed(500, 0)).toBeNull();
    expect(ROI_ATTRIBUTED_LABEL).toBe('attributed (not incremental)');
  });

  it('takes the reported margin, else the default margin rate, less the discount', () => {
    expect(outcomeProfit({ amountMinor: 10_000, marginMinor: 4_000, discountMinor: 1_000 }, COSTS)).toEqual({
      marginMinor: 4_000,
      incentiveMinor: 1_000,
      profitMinor: 3_000,
    });
    // 10,000 x 0.3 = 3,000 margin, less 500 discount.
    expect(
      outcomeProfit({ amountMinor: 10_000, marginMinor: null, discountMinor: 500 }, COSTS).profitMinor,
    ).toBe(2_500);
  });
});
