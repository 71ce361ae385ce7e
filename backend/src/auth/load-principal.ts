import { type EntityManager, User } from '@caunoi/db';
import type { Principal } from './principal';

/** The active officer behind a user id, with its unit; null when gone or deactivated. */
export async function loadPrincipal(em: EntityManager, userId: number): Promise<Principal | null> {
  const user = await em.findOne(User, { id: userId, active: true }, { populate: ['unit'] });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    unitId: user.unit.id,
    unitCode: user.unit.code,
    unitName: user.unit.nameVi,
    unitPath: user.unit.path,
    tokenVersion: user.tokenVersion,
  };
}
