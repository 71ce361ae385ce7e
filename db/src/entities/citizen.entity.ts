import { defineEntity, p } from '@mikro-orm/core';

/**
 * A person or business that writes in. Contact data lives only here so that views without the
 * right to see it (the Government Office) can leave this table out entirely.
 */
export const CitizenSchema = defineEntity({
  name: 'Citizen',
  tableName: 'citizen',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(200).nullable(),
    email: p.string().length(320).nullable().index(),
    phone: p.string().length(32).nullable().index(),
    address: p.text().nullable(),
    /** Zalo user ids are per Official Account: `{ [oaId]: userId }`. */
    zaloIds: p.json<Record<string, string>>().default('{}'),
    isOrganisation: p.boolean().default(false),
    /** When the citizen agreed to the processing of personal data (Decree 13/2023). */
    consentAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Citizen extends CitizenSchema.class {}
CitizenSchema.setClass(Citizen);
