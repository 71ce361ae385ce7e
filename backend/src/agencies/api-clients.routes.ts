import { Router } from 'express';
import { z } from 'zod';
import {
  type MikroORM,
  createApiClient,
  findCurrentUnitId,
  listApiClients,
  revokeApiClient,
  rotateApiClientKey,
} from '@caunoi/db';
import { ZApiClientCreate, ZApiKeyRotate } from '@caunoi/contract';
import { AppError } from '../http/app-error';
import type { Logger } from '../support/logger';
import { generateApiKey } from './api-keys';

const ZNewClient = ZApiClientCreate;
const ZRotate = ZApiKeyRotate;
const ZId = z.object({ id: z.coerce.number().int().positive() });

/**
 * `/api/admin/api-clients` (administrators, behind requireOfficer and requireRole): issue a key
 * for an agency's system (shown once), list the systems with their last use, rotate a key (the
 * old one keeps working for a grace time), revoke one. Every change is logged with the administrator.
 */
export function createApiClientRoutes(orm: MikroORM, logger: Logger): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const rows = await listApiClients(orm.em.fork());
    res.setHeader('Content-Range', `api-clients 0-${Math.max(rows.length - 1, 0)}/${rows.length}`);
    res.json(rows);
  });
  router.post('/', async (req, res) => {
    const input = ZNewClient.parse(req.body);
    const em = orm.em.fork();
    const unitId = await findCurrentUnitId(em, input.unitCode);
    if (unitId === null)
      throw new AppError('VALIDATION_FAILED', 'Invalid unitCode', {
        fields: [{ field: 'unitCode', message: `no current unit has the code ${input.unitCode}` }],
      });
    const { key, prefix, hash } = generateApiKey();
    const id = await createApiClient(em, {
      name: input.name,
      unitId,
      scopes: input.scopes,
      keyHash: hash,
      keyPrefix: prefix,
      rateLimitPerMinute: input.rateLimitPerMinute,
    });
    logger.info(
      { adminId: req.principal!.userId, apiClientId: id, unitCode: input.unitCode, scopes: input.scopes },
      'API key issued',
    );
    res.status(201).json({ id, ...input, keyPrefix: prefix, key, note: 'The key is shown this once; store it now.' });
  });
  router.post('/:id/rotate', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const { graceHours } = ZRotate.parse(req.body ?? {});
    const { key, prefix, hash } = generateApiKey();
    const previousValidUntil = graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null;
    if (!(await rotateApiClientKey(orm.em.fork(), id, { hash, prefix, previousValidUntil })))
      throw new AppError('NOT_FOUND', `No active API client ${id}`);
    logger.info({ adminId: req.principal!.userId, apiClientId: id, graceHours }, 'API key rotated');
    res.json({ id, keyPrefix: prefix, key, previousKeyValidUntil: previousValidUntil?.toISOString() ?? null });
  });
  router.post('/:id/revoke', async (req, res) => {
    const { id } = ZId.parse(req.params);
    if (!(await revokeApiClient(orm.em.fork(), id))) throw new AppError('NOT_FOUND', `No API client ${id}`);
    logger.info({ adminId: req.principal!.userId, apiClientId: id }, 'API key revoked');
    res.json({ id, revoked: true });
  });
  return router;
}
