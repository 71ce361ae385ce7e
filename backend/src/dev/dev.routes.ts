import { Router } from 'express';
import { type MikroORM, User, findCapturedMail } from '@caunoi/db';
import type { FakeZalo } from './fake-zalo';
import { AppError } from '../http/app-error';

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
 * that exist in this database, so that a newcomer and the browser tests can sign in; the mail
 * CauNoi would have sent, when no SMTP server is configured.
 */
export function createDevRoutes(
  orm: MikroORM,
  demoAccounts: ReadonlyArray<{ email: string; password: string }>,
  fakeZalo?: FakeZalo,
): Router {
  const router = Router();

  router.get('/demo-accounts', async (_req, res) => {
    const em = orm.em.fork();
    const users = await em.find(
      User,
      { email: { $in: demoAccounts.map((a) => a.email) }, active: true },
      { populate: ['unit'], orderBy: { id: 'asc' } },
    );
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

  /** Mail that would have been sent (no SMTP_URL): newest first, filter with ?to=. */
  router.get('/mail', async (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.toLowerCase() : null;
    const rows = await findCapturedMail(orm.em.fork(), to || null);
    res.json(
      rows.map((r) => ({
        id: r.id,
        messageId: r.message_id,
        inReplyTo: r.in_reply_to,
        from: r.sender,
        to: r.recipients,
        subject: r.subject,
        text: r.text,
        createdAt: r.created_at,
      })),
    );
  });

  if (fakeZalo) {
    /** Plays a Zalo user writing to the demo OA: the fake signs the event and posts it to our webhook. */
    router.post('/zalo/messages', async (req, res) => {
      const body = (req.body ?? {}) as { userId?: unknown; text?: unknown };
      const text = typeof body.text === 'string' ? body.text.trim() : '';
      if (!text)
        throw new AppError('VALIDATION_FAILED', 'Invalid text', {
          fields: [{ field: 'text', message: 'what the Zalo user writes' }],
        });
      const userId =
        typeof body.userId === 'string' && /^\d{6,25}$/.test(body.userId) ? body.userId : '8400000000000000042';
      const attempts = await fakeZalo.emit(fakeZalo.userEvent('user_send_text', userId, { text }));
      res.status(201).json({ userId, webhook: attempts });
    });
    router.get('/zalo/sent', (_req, res) => {
      res.json([...fakeZalo.sent].reverse().slice(0, 200));
    });
  }

  return router;
}
