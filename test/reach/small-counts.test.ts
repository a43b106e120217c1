import { describe, expect, it } from 'vitest';
import { countText, published, publishedParts, publishedShare, shareText } from '../../src/reach/small-counts.ts';

describe('the small-count rule', () => {
  it('publishes a count of people of 5 or more, and “fewer than 5” for 0 to 4', () => {
    expect(published(5)).toEqual({ count: 5 });
    expect([0, 1, 4].map(published)).toEqual([0, 1, 4].map(() => ({ count: null, fewerThan: 5 })));
    expect(countText(published(3))).toBe('fewer than 5');
    expect(countText(published(1234))).toBe('1,234');
  });

  it('hides a second part where one hidden part could be worked out from the total', () => {
    // England 8 = London 5 + South West 3: with London shown, South West would be 8 − 5.
    const [london, southWest, north] = publishedParts([5, 3, 0]);
    expect(southWest).toEqual({ count: null, fewerThan: 5 });
    expect(london).toMatchObject({ count: null, withheld: expect.stringContaining('under 5') });
    expect(countText(london!)).toBe('not published');
    // Nobody at all is no secret: the councils represented beside it say so.
    expect(north).toEqual({ count: null, fewerThan: 5 });
  });

  it('hides no more than it must: two small parts already hide each other', () => {
    expect(publishedParts([20, 3, 2, 9])).toEqual([{ count: 20 }, { count: null, fewerThan: 5 }, { count: null, fewerThan: 5 }, { count: 9 }]);
    expect(publishedParts([20, 9, 0])).toEqual([{ count: 20 }, { count: 9 }, { count: null, fewerThan: 5 }]);
  });

  it('gives a share only when its part and the rest are both 5 or more', () => {
    expect(publishedShare(7, 12)).toEqual({ percent: 58 });
    // 10 of 12 would tell that 2 were not; 3 of 12 that 3 were.
    expect(publishedShare(10, 12).percent).toBeNull();
    expect(publishedShare(3, 12).percent).toBeNull();
    expect(shareText(publishedShare(12, 12))).toBe('not published');
    expect(publishedShare(0, 0).percent).toBeNull();
  });
});
