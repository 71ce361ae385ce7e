import type { EntityManager } from '@mikro-orm/postgresql';

export interface WebhookSubscriptionRow {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
}

export async function createWebhookSubscription(
  em: EntityManager,
  sub: { apiClientId: number; url: string; secret: string; events: readonly string[] },
): Promise<number> {
  const [row] = await em.execute<Array<{ id: number }>>(
    `insert into webhook_subscription (api_client_id, url, secret, events) values (?, ?, ?, array(select json_array_elements_text(?::json))) returning id`,
    [sub.apiClientId, sub.url, sub.secret, JSON.stringify(sub.events)],
  );
  return row!.id;
}

export function listWebhookSubscriptions(em: EntityManager, apiClientId: number): Promise<WebhookSubscriptionRow[]> {
  return em.execute<WebhookSubscriptionRow[]>(
    `select id, url, events, active, created_at as "createdAt" from webhook_subscription where api_client_id = ? order by id`,
    [apiClientId],
  );
}

export async function deactivateWebhookSubscription(
  em: EntityManager,
  apiClientId: number,
  id: number,
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: number }>>(
    `update webhook_subscription set active = false where id = ? and api_client_id = ? returning id`,
    [id, apiClientId],
  );
  return rows.length > 0;
}

/**
 * One delivery per subscription that wants this event of these cases (its agency's key active,
 * bound to a unit above or at each case's owning unit), recorded once per (subscription, event
 * of the case): returns the new deliveries' ids.
 */
export async function createWebhookDeliveries(
  em: EntityManager,
  event: string,
  cases: ReadonlyArray<{ caseId: number; dedupeKey: string }>,
): Promise<number[]> {
  const rows = await em.execute<Array<{ id: string }>>(
    `insert into webhook_delivery (subscription_id, dedupe_key, event, case_id, payload)
     select s.id, x.dedupe_key, ?, c.id,
            jsonb_build_object('trackingCode', c.tracking_code, 'status', c.status, 'owningUnit', ou.code,
              'category', cat.code, 'legalTrack', c.legal_track, 'escalationLevel', c.escalation_level,
              'receivedAt', c.received_at, 'updatedAt', c.updated_at, 'resolveDueAt', c.resolve_due_at)
     from json_to_recordset(?::json) as x(case_id int, dedupe_key text)
     join case_file c on c.id = x.case_id
     join org_unit ou on ou.id = c.owning_unit_id
     left join category cat on cat.id = c.category_id
     join webhook_subscription s on s.active and ? = any(s.events)
     join api_client a on a.id = s.api_client_id and a.active and a.revoked_at is null
     join org_unit au on au.id = a.unit_id and ou.path like au.path || '%'
     on conflict (subscription_id, dedupe_key) do nothing
     returning id`,
    [event, JSON.stringify(cases.map((c) => ({ case_id: c.caseId, dedupe_key: c.dedupeKey }))), event],
  );
  return rows.map((r) => Number(r.id));
}

export interface WebhookDeliveryToSend {
  id: number;
  event: string;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
  active: boolean;
  createdAt: Date;
}

export async function findWebhookDelivery(em: EntityManager, id: number): Promise<WebhookDeliveryToSend | null> {
  const [row] = await em.execute<WebhookDeliveryToSend[]>(
    `select d.id::int as id, d.event, d.payload, s.url, s.secret, s.active, d.created_at as "createdAt"
     from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id where d.id = ?`,
    [id],
  );
  return row ?? null;
}

export async function recordWebhookAttempt(
  em: EntityManager,
  id: number,
  attempt: { status: 'delivered' | 'pending' | 'failed'; httpStatus: number | null; error: string | null },
): Promise<void> {
  await em.execute(
    `update webhook_delivery set attempts = attempts + 1, status = ?, last_status = ?, last_error = ?,
       delivered_at = case when ? = 'delivered' then now() else delivered_at end where id = ?`,
    [attempt.status, attempt.httpStatus, attempt.error, attempt.status, id],
  );
}

export interface WebhookDeliveryRow {
  id: number;
  subscriptionId: number;
  event: string;
  trackingCode: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** An agency's deliveries, newest first (named query of its delivery log). */
export function listWebhookDeliveries(
  em: EntityManager,
  apiClientId: number,
  filter: { status?: string },
  range: { offset: number; limit: number },
): Promise<WebhookDeliveryRow[]> {
  return em.execute<WebhookDeliveryRow[]>(
    `select d.id::int as id, d.subscription_id as "subscriptionId", d.event, d.payload->>'trackingCode' as "trackingCode",
            d.status, d.attempts, d.last_status as "lastStatus", d.last_error as "lastError",
            d.created_at as "createdAt", d.delivered_at as "deliveredAt"
     from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
     where s.api_client_id = ? ${filter.status ? 'and d.status = ?' : ''}
     order by d.id desc limit ? offset ?`,
    [apiClientId, ...(filter.status ? [filter.status] : []), range.limit, range.offset],
  );
}

/** The delivery, if it is this agency's: set to be sent again. */
export async function markWebhookForReplay(em: EntityManager, apiClientId: number, id: number): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update webhook_delivery d set status = 'pending' from webhook_subscription s
     where d.id = ? and s.id = d.subscription_id and s.api_client_id = ? returning d.id`,
    [id, apiClientId],
  );
  return rows.length > 0;
}
