import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '@caunoi/workflows';
import { OrgUnit } from './org-unit.entity';

/** An officer, supervisor, Government Office reader or administrator, always of one unit. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.integer().primary(),
    email: p.string().length(320).unique(),
    name: p.string().length(200),
    passwordHash: p.string().length(200).hidden(),
    role: p.enum(ROLES),
    unit: () => p.manyToOne(OrgUnit).index(),
    language: p.enum(['vi', 'en'] as const).default('vi'),
    active: p.boolean().default(true),
    lastLoginAt: p.datetime().nullable(),
    /** Carried by every login token; raised to revoke them all (password reset, role or unit change, deactivation). */
    tokenVersion: p.integer().default(0),
    /** Failed logins in a row; reset by a successful one. */
    failedLogins: p.integer().default(0),
    /** Until when logging in is refused (9999-12-31: until an administrator lifts the lock). */
    lockedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
