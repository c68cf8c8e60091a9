// 三权分立 (R-7.3, GB/T 22239 §8.1.4.2 d): the duty matrix that role and user-role changes are checked against.
import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, OPERATIONS, PERMISSIONS } from '../../lib/auth/permissions';
import { dutyOf, separationViolation } from '../../lib/auth/separation';

describe('三权分立', () => {
  it('R-7.3 puts granting, account administration and the audit log in three separate duties', () => {
    expect(dutyOf('admin:roles')).toBe('SECURITY');
    expect(dutyOf('audit:view')).toBe('AUDIT');
    for (const p of [
      'admin:users',
      'admin:departments',
      'admin:settings',
      'admin:menus',
      'admin:dictionary',
      'backup:manage',
    ])
      expect(dutyOf(p)).toBe('SYSTEM');
    for (const p of ['inbox:view', 'batch:view', 'data:import', 'record:view', 'catalog:manage'])
      expect(dutyOf(p)).toBeNull();
  });

  it('R-7.3 refuses a role that both grants permissions and reads the audit log, or grants and manages accounts', () => {
    expect(separationViolation(['admin:roles', 'audit:view'])).toMatch(/三权分立/);
    expect(separationViolation(['admin:users', 'admin:roles'])).toMatch(/三权分立/);
    expect(separationViolation(['admin:users', 'audit:view'])).toMatch(/三权分立/);
    expect(separationViolation(['admin:roles', 'record:view', 'inbox:view'])).toBeNull();
    expect(separationViolation(['admin:users', 'admin:departments', 'catalog:manage'])).toBeNull();
  });

  it('R-7.3 keeps every built-in role within one duty', () => {
    for (const role of BUILTIN_ROLES) expect(separationViolation(role.permissions), role.code).toBeNull();
  });

  it('R-7.5 names only known permissions on operation buttons, and keeps the switch of switches locked', () => {
    const codes = new Set(PERMISSIONS.map((p) => p.code));
    for (const op of OPERATIONS) expect(codes.has(op.permission), op.code).toBe(true);
    expect(OPERATIONS.filter((o) => 'locked' in o && o.locked).map((o) => o.code)).toEqual(['menu.edit']);
  });
});
