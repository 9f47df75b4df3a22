import { describe, expect, it } from 'vitest';
import { navigationReducer, type NavigationState } from '../../../src-renderer/app/use-navigation';
import { parseRoute } from '../../../src-renderer/lib/route';

const reading: NavigationState = {
  route: parseRoute('#doc/3c4cb6e498c0c639?q=espionaje'),
  draftQuery: 'espionaje pegas',
};

describe('the route and the search box', () => {
  it("keeps the box's text when the app navigates itself (keys typed after the debounce survive)", () => {
    const next = navigationReducer(reading, { type: 'navigated', route: parseRoute('#search?q=espionaje') });
    expect(next.route).toMatchObject({ view: 'search', search: { query: 'espionaje' } });
    expect(next.draftQuery).toBe('espionaje pegas');
  });

  it("rewrites the box's text when the route comes from outside (back, a link, a typed URL)", () => {
    const next = navigationReducer(reading, { type: 'arrived', route: parseRoute('#search?q=vigilancia&sort=date') });
    expect(next).toEqual({
      route: { view: 'search', search: { query: 'vigilancia', filters: {}, sort: 'date' } },
      draftQuery: 'vigilancia',
    });
  });

  it('changes only the text on a keystroke, and keeps the same state for the same text', () => {
    const typed = navigationReducer(reading, { type: 'typed', query: 'espionaje pegasus' });
    expect(typed).toEqual({ route: reading.route, draftQuery: 'espionaje pegasus' });
    expect(navigationReducer(typed, { type: 'typed', query: 'espionaje pegasus' })).toBe(typed);
  });
});
