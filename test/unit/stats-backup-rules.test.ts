// Pure rules behind the statistics and the backups: Beijing-day periods and their buckets,
// the schedule's timing, and the guard that keeps pruning inside the backup directories.
import { describe, expect, it } from 'vitest';
import { backupScheduleSpec } from '../../lib/backup/schedule';
import { dirNameOf, isInside } from '../../lib/backup/config';
import { periodBuckets, resolveFilter } from '../../lib/stats/filter';
import { ValidationError } from '../../lib/errors';

describe('statistics periods', () => {
  it('R-2.4 cuts days at Beijing midnight (UTC+8), not at UTC midnight', () => {
    expect(resolveFilter({}, new Date('2026-11-28T16:30:00Z')).to).toBe('2026-11-29');
    const f = resolveFilter({ from: '2026-11-01', to: '2026-11-30' });
    expect(f.fromUtc.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(f.toUtc.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('R-2.4 defaults to the last twelve months by month and refuses a reversed or too long daily period', () => {
    const f = resolveFilter({}, new Date('2026-11-28T08:00:00Z'));
    expect(f).toMatchObject({ from: '2025-12-01', to: '2026-11-28', granularity: 'month' });
    expect(periodBuckets(f)).toHaveLength(12);
    expect(() => resolveFilter({ from: '2026-02-01', to: '2026-01-01' })).toThrow(ValidationError);
    expect(() => resolveFilter({ from: '2025-01-01', to: '2026-06-01', granularity: 'day' })).toThrow(ValidationError);
  });

  it('R-2.4 lists every bucket of the period the way date_trunc starts them', () => {
    expect(periodBuckets({ from: '2026-01-30', to: '2026-02-02', granularity: 'day' })).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
    // ISO weeks start on Monday: 2026-11-25 is a Wednesday.
    expect(periodBuckets({ from: '2026-11-25', to: '2026-12-07', granularity: 'week' })).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
    ]);
    expect(periodBuckets({ from: '2026-11-15', to: '2027-01-02', granularity: 'month' })).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
  });
});

describe('backup rules', () => {
  it('R-7.7 schedules by cron (UTC) unless an interval is configured', () => {
    expect(backupScheduleSpec({ BACKUP_CRON: '0 19 * * *', BACKUP_INTERVAL: undefined })).toEqual({
      cronExpressions: ['0 19 * * *'],
    });
    expect(backupScheduleSpec({ BACKUP_CRON: '0 19 * * *', BACKUP_INTERVAL: '6h' })).toEqual({
      intervals: [{ every: '6h' }],
    });
  });

  it('R-7.7 names backup directories safely and never prunes outside the backup directory', () => {
    expect(dirNameOf('backup-scheduled-2026-11-28T19:00:00Z')).toBe('backup-scheduled-2026-11-28T19-00-00Z');
    expect(dirNameOf('../../etc')).toBe('_.-..-etc');
    expect(dirNameOf('..')).toBe('_.');
    expect(isInside('/data/backups', '/data/backups/b1')).toBe(true);
    expect(isInside('/data/backups', '/data/backups')).toBe(false);
    expect(isInside('/data/backups', '/data/backups/../files')).toBe(false);
    expect(isInside('/data/backups', '/data/backups-old/b1')).toBe(false);
  });
});
