import { daysBetween, reviewRates, reviewSampleSize } from './classification-review-sample';

describe('the daily review sample of not-a-complaint decisions', () => {
  it('takes the share, at least the minimum, never more than there were', () => {
    expect(reviewSampleSize(1000, 0.05, 10)).toBe(50);
    expect(reviewSampleSize(100, 0.05, 10)).toBe(10);
    expect(reviewSampleSize(7, 0.05, 10)).toBe(7);
    expect(reviewSampleSize(0, 0.05, 10)).toBe(0);
    expect(reviewSampleSize(101, 0.05, 0)).toBe(6);
    expect(reviewSampleSize(40, 1, 0)).toBe(40);
    expect(reviewSampleSize(40, 0, 0)).toBe(0);
    expect(() => reviewSampleSize(-1, 0.05, 10)).toThrow(/population/);
  });

  it('lists the days of a range, across a month end', () => {
    expect(daysBetween('2024-01-30', '2024-02-02')).toEqual(['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02']);
    expect(daysBetween('2024-02-02', '2024-02-01')).toEqual([]);
  });

  it('reports the sampling and overturn rates, none without a population or a review', () => {
    expect(reviewRates({ population: 200, sampled: 10, reviewed: 8, overturned: 2 })).toEqual({ samplingRate: 0.05, overturnRate: 0.25 });
    expect(reviewRates({ population: 0, sampled: 0, reviewed: 0, overturned: 0 })).toEqual({ samplingRate: null, overturnRate: null });
  });
});
