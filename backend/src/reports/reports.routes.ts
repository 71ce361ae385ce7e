import { type RequestHandler, Router } from 'express';
import type { EntityManager, MikroORM } from '@caunoi/db';
import { reportScopeFor } from '@caunoi/workflows';
import type { SlaContext } from '../transitions/sla-context';
import { buildDashboard, buildEscalationReport, toEscalationCsv } from './escalation-report';
import { ZDashboardQuery, ZEscalationReportQuery } from '@caunoi/contract';

/** `GET /api/reports/escalations` (JSON), `/api/reports/escalations.csv` (same columns) and `/api/reports/dashboard` (summary + trend). */
export function createReportRoutes(
  orm: MikroORM,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  requireOfficer: RequestHandler,
): Router {
  const router = Router();
  router.use(requireOfficer);
  router.get('/escalations.csv', async (req, res) => {
    const em = orm.em.fork();
    const report = await buildEscalationReport(
      em,
      await loadSla(em),
      reportScopeFor(req.principal!),
      ZEscalationReportQuery.parse(req.query),
    );
    res
      .type('text/csv; charset=utf-8')
      .attachment(`caunoi-escalations-${report.generatedAt.slice(0, 10)}.csv`)
      .send(toEscalationCsv(report));
  });
  router.get('/dashboard', async (req, res) => {
    const em = orm.em.fork();
    res.json(
      await buildDashboard(em, await loadSla(em), reportScopeFor(req.principal!), ZDashboardQuery.parse(req.query)),
    );
  });
  router.get('/escalations', async (req, res) => {
    const em = orm.em.fork();
    res.json(
      await buildEscalationReport(
        em,
        await loadSla(em),
        reportScopeFor(req.principal!),
        ZEscalationReportQuery.parse(req.query),
      ),
    );
  });
  return router;
}
