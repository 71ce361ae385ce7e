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
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
