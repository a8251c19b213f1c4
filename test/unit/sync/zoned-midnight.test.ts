// An all-day event's day on the platform starts at the first instant of that date in the location's
// zone. In zones whose clocks jump forward at midnight (America/Santiago, America/Havana,
// Asia/Beirut on their change days) midnight does not exist: the day starts at 01:00. The two-pass
// offset guess landed an hour early, on the previous day (Havana 2024-03-10: 04:00Z, 23:00 on the 9th).
import { describe, expect, it } from 'vitest';
import { dateInZone, midnightInZone } from '../../../src/main/sync/zoned-midnight';

describe('midnightInZone', () => {
  it('a day whose midnight falls in a DST gap starts at the first instant of that day', () => {
    expect(midnightInZone('2024-09-08', 'America/Santiago')).toBe('2024-09-08T04:00:00.000Z');
    expect(midnightInZone('2024-03-10', 'America/Havana')).toBe('2024-03-10T05:00:00.000Z');
    expect(midnightInZone('2024-03-31', 'Asia/Beirut')).toBe('2024-03-30T22:00:00.000Z');
  });

  it('is the first instant of its date everywhere, gap, fall-back and ordinary days alike', () => {
    const zones = ['America/Santiago', 'America/Havana', 'Asia/Beirut', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kolkata', 'UTC'];
    for (const zone of zones) {
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2025, 0, 1); day += 86_400_000) {
        const date = new Date(day).toISOString().slice(0, 10);
        const start = Date.parse(midnightInZone(date, zone));
        expect(dateInZone(new Date(start).toISOString(), zone), `${zone} ${date}`).toBe(date);
        expect(dateInZone(new Date(start - 1).toISOString(), zone) < date, `${zone} ${date}: the instant before is the day before`).toBe(true);
      }
    }
  });

  it('ordinary days and DST days that change away from midnight stay as they were', () => {
    expect(midnightInZone('2024-03-31', 'Europe/Berlin')).toBe('2024-03-30T23:00:00.000Z');
    expect(midnightInZone('2024-10-27', 'Europe/Berlin')).toBe('2024-10-26T22:00:00.000Z');
    expect(midnightInZone('2024-04-07', 'America/Santiago')).toBe('2024-04-07T04:00:00.000Z');
    expect(midnightInZone('2024-06-01', 'UTC')).toBe('2024-06-01T00:00:00.000Z');
  });
});
