import { Router } from 'express';
import { type MikroORM, User } from '@caunoi/db';
import { demoAccounts } from '@caunoi/seeds';

export interface DemoAccountDto {
  email: string;
  password: string;
  name: string;
  role: string;
  unitCode: string;
  unitName: string;
}

/**
 * Development aids (DESIGN.md §8), mounted only when NODE_ENV is not production: the demo logins
 * that exist in this database, so that a newcomer and the browser tests can sign in.
 */
export function createDevRoutes(orm: MikroORM): Router {
  const router = Router();

  router.get('/demo-accounts', async (_req, res) => {
    const em = orm.em.fork();
    const users = await em.find(User, { email: { $in: demoAccounts.map((a) => a.email) }, active: true }, { populate: ['unit'], orderBy: { id: 'asc' } });
    const passwords = new Map(demoAccounts.map((a) => [a.email, a.password]));
    const body: DemoAccountDto[] = users.map((u) => ({
      email: u.email,
      password: passwords.get(u.email)!,
      name: u.name,
      role: u.role,
      unitCode: u.unit.code,
      unitName: u.unit.nameVi,
    }));
    res.json(body);
  });

  return router;
}
