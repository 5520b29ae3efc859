/**
 * Date parsing: every written form Dossier promises, the precision it keeps,
 * and impossible dates refused with a reason instead of rolled over.
 */
import { describe, expect, it } from 'vitest';
import { parseDateText, parseDateValue } from '../src/normalise/dates.js';
import { estimateFromText, fileNameDate, takeInlineMarker } from '../src/normalise/pick-date.js';

describe('parseDateText', () => {
  it.each([
    ['Fri, 31 May 2019 12:59:27 +0200', '2019-05-31', 'day', '12:59:27+02:00'],
    ['Tue, 29 Oct 2019 15:31:00 GMT', '2019-10-29', 'day', '15:31:00Z'],
    ['2021-03-04', '2021-03-04', 'day', undefined],
    ['2022-11-15T00:30:00+01:00', '2022-11-15', 'day', '00:30:00+01:00'],
    ['2022-11-15T23:59:59.123Z', '2022-11-15', 'day', '23:59:59Z'],
    ['2014-03-12 13:00:00 -0500', '2014-03-12', 'day', '13:00:00-05:00'],
    ['2015-04-01 09:00 EDT', '2015-04-01', 'day', '09:00-04:00'],
    ['31 mei 2019', '2019-05-31', 'day', undefined],
    ['maandag 3 december 2018', '2018-12-03', 'day', undefined],
    ['3 dec. 2018', '2018-12-03', 'day', undefined],
    ['September 8, 2014', '2014-09-08', 'day', undefined],
    ['June 1st 2015', '2015-06-01', 'day', undefined],
    ['31-05-2019', '2019-05-31', 'day', undefined],
    ['2020-09', '2020-09', 'month', undefined],
    ['juni 2025', '2025-06', 'month', undefined],
    ['March 2015', '2015-03', 'month', undefined],
    ['2017', '2017', 'year', undefined],
    ['2024-02-29', '2024-02-29', 'day', undefined],
  ])('%s → %s (%s)', (text, value, precision, time) => {
    const result = parseDateText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.date).toEqual(time ? { value, precision, time } : { value, precision });
  });

  it.each([
    ['2019-02-30', /February 2019 has 28 days/],
    ['2023-02-29', /February 2023 has 28 days/],
    ['2019-13-01', /month 13/],
    ['31 april 2020', /April 2020 has 30 days/],
    ['2019-05-31 25:00', /impossible time/],
    ['gisteren', /not a date format/],
    ['31 foo 2019', /not a month name/],
  ])('refuses %s', (text, reason) => {
    const result = parseDateText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('keeps a plainly written calendar date and warns about an unreadable rest', () => {
    expect(parseDateText('2016-07-19 (optional)')).toMatchObject({ ok: true, date: { value: '2016-07-19', precision: 'day' }, warning: expect.stringContaining('(optional)') });
    expect(parseDateText('2016-06-17 12:00-400')).toMatchObject({ ok: true, date: { value: '2016-06-17' }, warning: expect.stringContaining('12:00-400') });
    expect(parseDateText('2016-02-30 (optional)')).toMatchObject({ ok: false });
  });

  it('flags a weekday that does not match the date', () => {
    const result = parseDateText('Mon, 31 May 2019 12:00:00 +0200');
    expect(result).toMatchObject({ ok: true, warning: expect.stringContaining('Friday') });
  });
});

describe('parseDateValue', () => {
  it('reads a YAML year number as a year, not a timestamp', () => {
    expect(parseDateValue(2017)).toEqual({ ok: true, date: { value: '2017', precision: 'year' } });
    expect(parseDateValue(1559300367)).toMatchObject({ ok: false });
  });
  it('treats empty values as no date at all', () => {
    expect(parseDateValue(null)).toBeNull();
    expect(parseDateValue('')).toBeNull();
    expect(parseDateValue(undefined)).toBeNull();
  });
  it('refuses lists and objects with a reason', () => {
    expect(parseDateValue(['2019-01-01'])).toMatchObject({ ok: false, reason: expect.stringContaining('list') });
  });
});

describe('other date sources', () => {
  it('reads Jekyll file names with and without zero padding', () => {
    expect(fileNameDate('_posts/2019-5-31-vs_zetten.md')).toBe('2019-05-31');
    expect(fileNameDate('2014-03-12-coming-soon.md')).toBe('2014-03-12');
    expect(fileNameDate('notes/2019-report.md')).toBeNull();
  });
  it('takes an inline marker off the start of a text, and nothing else', () => {
    expect(takeInlineMarker(' date 2025-06 De VS overweegt')).toEqual({ date: '2025-06', rest: 'De VS overweegt' });
    expect(takeInlineMarker('datum: 2019-05-31\nTekst')).toEqual({ date: '2019-05-31', rest: '\nTekst' });
    expect(takeInlineMarker('De date 2025-06 staat midden in de tekst')).toBeNull();
    expect(takeInlineMarker('date 2019-02-30 onmogelijk')).toBeNull();
  });
  it('estimates from the latest year mentioned, ignoring amounts and counts', () => {
    expect(estimateFromText('Qualcomm kreeg in 2020 toestemming. In 2019 niet.')).toMatchObject({ notBefore: '2020', evidence: ['Qualcomm kreeg in 2020 toestemming.'] });
    expect(estimateFromText('Er werken 2021 mensen en het kost 2030 euro.')).toBeNull();
    expect(estimateFromText('Geen jaartallen hier, wel 1200 werknemers.')).toBeNull();
  });
});
