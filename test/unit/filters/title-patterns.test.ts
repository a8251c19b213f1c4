// Title filters: what matches, and which patterns are refused at set time (with the reason).
import { describe, expect, it } from 'vitest';
import { matchingTitleFilter } from '../../../src/main/sync/filters';
import { checkTitlePattern } from '../../../src/shared/title-patterns';

describe('title filters', () => {
  it('a plain text matches anywhere in the title, whatever the case, and regex characters in it are literal', () => {
    expect(matchingTitleFilter('Team LUNCH with Bob', ['lunch'])).toBe('lunch');
    expect(matchingTitleFilter('Dentist', ['lunch'])).toBeUndefined();
    expect(matchingTitleFilter('Call (1:1)', ['(1:1)'])).toBe('(1:1)');
    expect(matchingTitleFilter('Call 1x1', ['1.1'])).toBeUndefined();
  });

  it('/…/ is a regular expression, case-sensitive unless /…/i; the first matching filter is named', () => {
    expect(matchingTitleFilter('Private: doctor', ['/^private/i'])).toBe('/^private/i');
    expect(matchingTitleFilter('Private: doctor', ['/^private/'])).toBeUndefined();
    expect(matchingTitleFilter('my private thing', ['/^private/i'])).toBeUndefined();
    expect(matchingTitleFilter('Gym', ['lunch', '/^gym$/i', 'gym'])).toBe('/^gym$/i');
  });

  it('titles are matched on their first 255 characters (the platform title limit)', () => {
    const long = `${'x'.repeat(255)}lunch`;
    expect(matchingTitleFilter(long, ['lunch'])).toBeUndefined();
    expect(matchingTitleFilter(long, ['/x{255}/'])).toBe('/x{255}/');
  });

  it('accepts ordinary patterns', () => {
    for (const pattern of ['lunch', '/^private/i', '/standup|sync/i', '/\\d{2}:\\d{2}/', '/(focus|deep) time/i', '/^(re: )?call.*$/i', '/a+bc?/', '/[(+*)]+/', '/x{2,5}y{3}/']) {
      expect(checkTitlePattern(pattern), pattern).toEqual({ ok: true, pattern });
    }
  });

  it('refuses an invalid regular expression with the engine’s reason', () => {
    const result = checkTitlePattern('/(unclosed/');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/"\/\(unclosed\/" is not a valid regular expression: .*/);
  });

  it('refuses flags other than i, empty and overlong filters, and non-text', () => {
    expect(checkTitlePattern('/lunch/g')).toEqual({ ok: false, message: expect.stringContaining('only the i flag') });
    expect(checkTitlePattern('  ')).toEqual({ ok: false, message: expect.stringContaining('non-empty') });
    expect(checkTitlePattern('x'.repeat(201))).toEqual({ ok: false, message: expect.stringContaining('at most 200') });
    expect(checkTitlePattern(5).ok).toBe(false);
  });

  it('refuses patterns prone to catastrophic backtracking: nested quantifiers, repeated alternatives, back-references', () => {
    for (const pattern of ['/(a+)+$/', '/(\\w*)*x/', '/((ab)*)+/', '/(a|a)*b/', '/(x+x+)+y/i', '/(a+){2,}/']) {
      const result = checkTitlePattern(pattern);
      expect(result.ok, pattern).toBe(false);
      if (!result.ok) expect(result.message).toContain('can take very long to match');
    }
    for (const pattern of ['/a*a*b/', '/foo.*bar.*baz/', '/\\w+\\s{1,50}/']) {
      const result = checkTitlePattern(pattern);
      expect(result.ok, pattern).toBe(false);
      if (!result.ok) expect(result.message).toContain('more than one open-ended repetition');
    }
    expect(checkTitlePattern('/(a)\\1/')).toEqual({ ok: false, message: expect.stringContaining('back-references') });
  });

  it('an accepted pattern on the longest title it meets stays fast', () => {
    const started = performance.now();
    expect(matchingTitleFilter(`${'a'.repeat(300)}!`, ['/^a+b/', '/a*b/', '/.*b/'])).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200);
  });

  // Hostile (hostile11): bounded repetitions in a row passed the checker and backtracked
  // exponentially — `a{0,10}` ×12 then `b` took 44 s on 22 characters.
  it('refuses runs of bounded or optional repetitions whose retries multiply', () => {
    for (const pattern of [`/${'a{0,10}'.repeat(12)}b/`, `/${'(?:a?)'.repeat(20)}b/`, `/${'a?'.repeat(25)}${'a'.repeat(25)}/`, `/.*${'x{0,9}'.repeat(4)}/`]) {
      const result = checkTitlePattern(pattern);
      expect(result.ok, pattern).toBe(false);
      if (!result.ok) expect(result.message).toContain('too many repetitions');
    }
  });

  // Hostile (issue 15 pass): alternatives did not count toward that bound, and these passed the
  // checker: `(a|a)` ×22 then `b` took 130 s on a 255-character title, `(x|y|z)?` ×20 then `w` 38 s,
  // `(a|aa)` ×16 then `b` 2 s (node 22, one core).
  it('counts alternatives toward the same bound: runs of groups with choices are refused', () => {
    for (const pattern of [`/${'(a|a)'.repeat(22)}b/`, `/${'(x|y|z)?'.repeat(20)}w/`, `/${'(a|aa)'.repeat(16)}b/`, `/${'(?:(?:x|y|z))'.repeat(12)}/`, `/(${'(?:a|b)'.repeat(8)})(${'(?:a|b)'.repeat(8)})c/`]) {
      const result = checkTitlePattern(pattern);
      expect(result.ok, pattern).toBe(false);
      if (!result.ok) expect(result.message, pattern).toContain('too many repetitions or alternatives in a row');
    }
    // Nested alternatives repeated stay refused as repeated groups.
    for (const pattern of ['/((x|y|z)){0,10}/', '/(?:(?:x|y|z)w){0,10}/']) expect(checkTitlePattern(pattern).ok, pattern).toBe(false);
    // A list of words, one after the other, and a few groups with choices stay accepted.
    const words = `/${Array.from({ length: 30 }, (_, n) => `w${n}`).join('|')}/i`;
    for (const pattern of [words, '/(mon|tue|wed|thu|fri) (am|pm)/i', '/^(re|fwd|aw): (call|meeting)/i']) expect(checkTitlePattern(pattern), pattern).toEqual({ ok: true, pattern });
    // The busiest accepted run of them: ~0.2 s idle, 0.8 s at load 10 on two cores (130 s for ×22 before).
    const busiest = `/${'(a|a)'.repeat(14)}b/`;
    expect(checkTitlePattern(busiest).ok).toBe(true);
    expect(checkTitlePattern(`/${'(a|a)'.repeat(15)}b/`).ok).toBe(false);
    const started = performance.now();
    expect(matchingTitleFilter('a'.repeat(300), [busiest])).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('the busiest pattern the checker accepts stays fast on the longest title', () => {
    const busiest = `/${'a?'.repeat(14)}b/`;
    expect(checkTitlePattern(busiest).ok).toBe(true);
    expect(checkTitlePattern(`/${'a?'.repeat(15)}b/`).ok).toBe(false);
    const started = performance.now();
    expect(matchingTitleFilter('a'.repeat(300), [busiest, '/\\s*\\d{1,4}x/', '/.*a{0,10}b/'])).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
