import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  ANSWER_SUBJECT,
  DEFAULT_CLOCK_POLICY,
  GENESIS_HASH,
  accessKeyFromBytes,
  formatTrackingCode,
  hashCaseEvent,
  redactForPublication,
} from '@caunoi/workflows';
import { bulkInsert } from '../bulk-insert';
import { loadDemoContext } from './demo-context';
import { buildLifecycle } from './lifecycle';
import { makeCitizen } from './people';
import { planCase } from './plan-case';
import { SeededRandom } from './random';
import { makeSubmissionText } from './texts';

export interface DemoOptions {
  cases: number;
  seed: number;
  /** The demo's "now": cases are received in the 150 days before it. Default: the current time. */
  asOf?: Date;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * The database again, for a second connection that writes every other batch: PostgreSQL's
   * inserts, not Node's replay, are the slower half, and a second core can take them.
   */
  connectionString?: string;
}

export interface DemoResult {
  cases: number;
  events: number;
  messages: number;
  byStatus: Record<string, number>;
}

/** The OA id demo citizens follow (the fake Zalo server's default OA). */
export const DEMO_ZALO_OA_ID = '579745863508352884';
const WINDOW_DAYS = 150;

/**
 * Writes `cases` deterministic demo cases (same seed and asOf → same data) with their citizens,
 * hash-chained events and messages, in batches of one statement per table. Tracking numbers
 * continue after those already issued, so demo data never collides with real intake.
 */
export async function generateDemoData(client: pg.ClientBase, options: DemoOptions): Promise<DemoResult> {
  const random = new SeededRandom(options.seed);
  const asOf = options.asOf ?? new Date();
  const context = await loadDemoContext(client);
  const batchSize = options.batchSize ?? 2_000;
  const receipts = Array.from(
    { length: options.cases },
    () => new Date(asOf.getTime() - random.next() * WINDOW_DAYS * 86_400_000),
  ).sort((a, b) => a.getTime() - b.getTime());
  const sequences = await loadIssuedSequences(client, context.calendar.localDate(receipts[0] ?? asOf));
  const totals: DemoResult = { cases: 0, events: 0, messages: 0, byStatus: {} };
  const allCaseIds = await reserveIds(client, 'case_file_id_seq', receipts.length);
  const allCitizenIds = await reserveIds(client, 'citizen_id_seq', receipts.length);
  // The database writes earlier batches (on one or two connections) while Node builds the next.
  const second =
    options.connectionString && receipts.length > batchSize
      ? new pg.Client({ connectionString: options.connectionString })
      : null;
  await second?.connect();
  const writers: pg.ClientBase[] = second ? [client, second] : [client];
  const inFlight: Array<Promise<void>> = writers.map(() => Promise.resolve());
  let batchIndex = 0;
  try {
    for (let start = 0; start < receipts.length; start += batchSize) {
      const batch = receipts.slice(start, start + batchSize);
      const caseIds = allCaseIds.slice(start, start + batchSize);
      const citizenIds = allCitizenIds.slice(start, start + batchSize);
      const citizens: unknown[][] = [];
      const cases: unknown[][] = [];
      const events: unknown[][] = [];
      const messages: unknown[][] = [];
      const publicAnswers: unknown[][] = [];
      const openByTopic = new Map<string, number>();
      const supportCounts = new Map<number, number>();

      batch.forEach((receivedAt, i) => {
        const caseId = caseIds[i]!;
        const plan = planCase(random, context, receivedAt, asOf);
        const topic = `${plan.category.code}|${plan.province.code}`;
        const master = openByTopic.get(topic);
        if (plan.target === 'merged' && master === undefined) plan.target = 'closed';
        const day = context.calendar.localDate(receivedAt);
        const sequence = (sequences.get(day) ?? 0) + 1;
        sequences.set(day, sequence);
        const trackingCode = formatTrackingCode(day, sequence);
        const placeName = [plan.commune?.name, plan.province.name].filter(Boolean).join(', ');
        const text = makeSubmissionText(random, plan.category.code, placeName, plan.language);
        const officer = context.officerOf(plan.owningUnit.code);
        const receivingUnit = plan.autoRouted ? (plan.transferredFrom ?? plan.owningUnit) : context.governmentOffice;
        const consent = plan.category.legalTrack === 'pakn' && random.chance(0.4);
        const life = buildLifecycle({
          random,
          // The owning unit's periods (a remote commune's are longer), as production counts them.
          setting: {
            calendar: context.calendar,
            periods: context.periodsFor(plan.category.legalTrack, day, plan.owningUnit.isRemoteArea),
            policy: DEFAULT_CLOCK_POLICY,
          },
          receivedAt,
          asOf,
          target: plan.target,
          autoRouted: plan.autoRouted,
          triageOfficer: context.officerOf(context.governmentOffice.code),
          officer,
          receivingUnitCode: receivingUnit.code,
          owningUnitCode: plan.owningUnit.code,
          transferredFromUnitCode: plan.transferredFrom?.code ?? null,
          mergeIntoCaseId: plan.target === 'merged' ? (master ?? null) : null,
          channel: plan.channel,
          title: text.title,
          body: text.body,
          // Some citizens agree on the form that the question and its answer may be published.
          publicationConsent: consent,
          head: context.headOf(plan.owningUnit.code),
        });
        if (life.duplicateOf !== null)
          supportCounts.set(life.duplicateOf, (supportCounts.get(life.duplicateOf) ?? 1) + 1);
        else if (!['closed', 'rejected', 'merged'].includes(life.status)) openByTopic.set(topic, caseId);

        const person = makeCitizen(random, caseId);
        const zaloIds =
          plan.channel === 'zalo' ? { [DEMO_ZALO_OA_ID]: `84${String(random.int(0, 1e15)).padStart(16, '0')}` } : {};
        citizens.push([
          citizenIds[i],
          person.name,
          person.email,
          person.phone,
          JSON.stringify(zaloIds),
          person.isOrganisation,
          receivedAt,
          receivedAt,
        ]);

        const accessKeyHash = createHash('sha256')
          .update(accessKeyFromBytes(random.bytes(10)))
          .digest('hex');
        const lastEventAt = life.events[life.events.length - 1]!.at;
        const owningUnit = context.unitsByCode.get(life.owningUnitCode) ?? receivingUnit;
        const { clocks, columns } = life;
        cases.push([
          caseId,
          trackingCode,
          accessKeyHash,
          text.title,
          text.body,
          plan.language,
          plan.channel,
          plan.category.legalTrack,
          plan.category.id,
          plan.province.id,
          plan.commune?.id ?? null,
          placeName,
          receivingUnit.id,
          owningUnit.id,
          life.assigneeId,
          citizenIds[i],
          random.chance(0.1),
          life.status,
          JSON.stringify(life.snapshot),
          receivedAt,
          clocks.acknowledgeDueAt,
          clocks.transferDueAt,
          clocks.acceptDueAt,
          clocks.resolveDueAt,
          clocks.citizenReplyDueAt,
          clocks.autoCloseDueAt,
          clocks.warnAt,
          life.nextDueAt,
          clocks.pausedAt,
          clocks.pausedSeconds,
          life.escalationLevel,
          life.escalatedAt,
          life.transferCount,
          life.reopenCount,
          life.extensionCount,
          life.duplicateOf,
          columns.satisfaction ?? null,
          columns.acceptedAt ?? null,
          columns.resolvedAt ?? null,
          columns.closedAt ?? null,
          life.expectedAnswerAt,
          receivedAt,
          lastEventAt,
          consent,
        ]);
        if (life.published && columns.resolvedAt) {
          // What the head published: the texts masked as the review proposes them (the citizen's name known).
          const answer = [...life.messages]
            .reverse()
            .find((m) => m.direction === 'outbound' && m.subject === ANSWER_SUBJECT);
          const mask = (t: string) => redactForPublication(t, [person.name]).text;
          publicAnswers.push([
            caseId,
            owningUnit.id,
            plan.province.id,
            plan.commune?.id ?? null,
            plan.category.id,
            plan.category.legalTrack,
            mask(text.title),
            mask(text.body),
            mask(answer?.body ?? ''),
            'consent',
            receivedAt,
            columns.resolvedAt,
            Math.max(0, context.calendar.workingDaysBetween(receivedAt, columns.resolvedAt)),
            clocks.resolveDueAt ? columns.resolvedAt <= clocks.resolveDueAt : null,
            life.published.at,
            life.published.by.userId,
          ]);
        }

        let prevHash = GENESIS_HASH;
        life.events.forEach((event, index) => {
          const seq = index + 1;
          const hash = hashCaseEvent(prevHash, {
            caseId,
            seq,
            type: event.type,
            actor: event.actor,
            payload: event.payload,
            createdAt: event.at,
          });
          events.push([
            caseId,
            seq,
            event.type,
            event.actorType,
            event.actorUserId,
            event.actor,
            event.fromStatus,
            event.toStatus,
            event.reason,
            JSON.stringify(event.payload),
            prevHash,
            hash,
            event.at,
          ]);
          prevHash = hash;
        });
        for (const message of life.messages) {
          messages.push([
            caseId,
            message.direction,
            plan.channel,
            message.subject,
            message.body,
            message.direction === 'inbound' ? 'received' : message.draft ? 'draft' : 'sent',
            message.at,
            message.direction === 'outbound' && !message.draft ? message.at : null,
          ]);
        }
        totals.byStatus[life.status] = (totals.byStatus[life.status] ?? 0) + 1;
      });

      for (const row of cases) {
        const support = supportCounts.get(row[0] as number);
        if (support) row.push(support);
        else row.push(1);
      }
      const slot = batchIndex % writers.length;
      batchIndex += 1;
      await inFlight[slot];
      const daySequences = new Map(sequences);
      inFlight[slot] = writeBatch(
        writers[slot]!,
        { citizens, cases, events, messages, publicAnswers },
        daySequences,
      ).then(() => {
        totals.cases += cases.length;
        totals.events += events.length;
        totals.messages += messages.length;
        options.onProgress?.(totals.cases, options.cases);
      });
    }
    await Promise.all(inFlight);
  } finally {
    // A failed batch rejects above; the others still finish before the connection closes.
    await Promise.allSettled(inFlight);
    await second?.end();
  }
  return totals;
}

async function writeBatch(client: pg.ClientBase, rows: BatchRows, sequences: Map<string, number>): Promise<void> {
  await client.query('begin');
  try {
    // Demo data can be regenerated: a crash may lose the last batch, never corrupt the database.
    await client.query('set local synchronous_commit = off');
    await insertBatch(client, rows);
    await saveSequences(client, sequences);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

async function reserveIds(client: pg.ClientBase, sequence: string, count: number): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    `select nextval('${sequence}')::int as id from generate_series(1, $1)`,
    [count],
  );
  return rows.map((r) => r.id);
}

async function loadIssuedSequences(client: pg.ClientBase, fromDay: string): Promise<Map<string, number>> {
  const { rows } = await client.query<{ day: string; lastValue: number }>(
    `select to_char(day, 'YYYY-MM-DD') as day, last_value as "lastValue" from tracking_sequence where day >= $1`,
    [fromDay],
  );
  return new Map(rows.map((r) => [r.day, r.lastValue]));
}

async function saveSequences(client: pg.ClientBase, sequences: Map<string, number>): Promise<void> {
  await client.query(
    `insert into tracking_sequence (day, last_value) select * from unnest($1::date[], $2::int[])
     on conflict (day) do update set last_value = greatest(tracking_sequence.last_value, excluded.last_value)`,
    [[...sequences.keys()], [...sequences.values()]],
  );
}

interface BatchRows {
  citizens: unknown[][];
  cases: unknown[][];
  events: unknown[][];
  messages: unknown[][];
  publicAnswers: unknown[][];
}

async function insertBatch(client: pg.ClientBase, rows: BatchRows): Promise<void> {
  const col = (name: string, type: string) => ({ name, type });
  await bulkInsert(
    client,
    'citizen',
    [
      col('id', 'int'),
      col('name', 'text'),
      col('email', 'text'),
      col('phone', 'text'),
      col('zalo_ids', 'jsonb'),
      col('is_organisation', 'bool'),
      col('consent_at', 'timestamptz'),
      col('created_at', 'timestamptz'),
    ],
    rows.citizens,
  );
  await bulkInsert(
    client,
    'case_file',
    [
      col('id', 'int'),
      col('tracking_code', 'text'),
      col('access_key_hash', 'text'),
      col('title', 'text'),
      col('body', 'text'),
      col('language', 'text'),
      col('channel', 'text'),
      col('legal_track', 'text'),
      col('category_id', 'int'),
      col('province_id', 'int'),
      col('commune_id', 'int'),
      col('place_text', 'text'),
      col('receiving_unit_id', 'int'),
      col('owning_unit_id', 'int'),
      col('assignee_id', 'int'),
      col('citizen_id', 'int'),
      col('anonymous', 'bool'),
      col('status', 'text'),
      col('machine_snapshot', 'jsonb'),
      col('received_at', 'timestamptz'),
      col('acknowledge_due_at', 'timestamptz'),
      col('transfer_due_at', 'timestamptz'),
      col('accept_due_at', 'timestamptz'),
      col('resolve_due_at', 'timestamptz'),
      col('citizen_reply_due_at', 'timestamptz'),
      col('auto_close_due_at', 'timestamptz'),
      col('warn_at', 'timestamptz'),
      col('next_due_at', 'timestamptz'),
      col('paused_at', 'timestamptz'),
      col('paused_seconds', 'int'),
      col('escalation_level', 'smallint'),
      col('escalated_at', 'timestamptz'),
      col('transfer_count', 'int'),
      col('reopen_count', 'int'),
      col('extension_count', 'int'),
      col('duplicate_of_id', 'int'),
      col('satisfaction', 'smallint'),
      col('accepted_at', 'timestamptz'),
      col('resolved_at', 'timestamptz'),
      col('closed_at', 'timestamptz'),
      col('expected_answer_at', 'timestamptz'),
      col('created_at', 'timestamptz'),
      col('updated_at', 'timestamptz'),
      col('publication_consent', 'bool'),
      col('support_count', 'int'),
    ],
    rows.cases,
  );
  await bulkInsert(
    client,
    'case_event',
    [
      col('case_id', 'int'),
      col('seq', 'int'),
      col('type', 'text'),
      col('actor_type', 'text'),
      col('actor_user_id', 'int'),
      col('actor', 'text'),
      col('from_status', 'text'),
      col('to_status', 'text'),
      col('reason', 'text'),
      col('payload', 'jsonb'),
      col('prev_hash', 'text'),
      col('hash', 'text'),
      col('created_at', 'timestamptz'),
    ],
    rows.events,
  );
  await bulkInsert(
    client,
    'case_message',
    [
      col('case_id', 'int'),
      col('direction', 'text'),
      col('channel', 'text'),
      col('subject', 'text'),
      col('body', 'text'),
      col('delivery_status', 'text'),
      col('created_at', 'timestamptz'),
      col('sent_at', 'timestamptz'),
    ],
    rows.messages,
  );
  if (rows.publicAnswers.length) {
    // The register's entries, with their search document computed as the backend computes it.
    const types = [
      'int',
      'int',
      'int',
      'int',
      'int',
      'text',
      'text',
      'text',
      'text',
      'text',
      'timestamptz',
      'timestamptz',
      'int',
      'bool',
      'timestamptz',
      'int',
    ];
    const params = types.map((_, c) => rows.publicAnswers.map((row) => row[c] ?? null));
    await client.query(
      `insert into public_answer (case_id, unit_id, province_id, commune_id, category_id, legal_track, title, question, answer,
         basis, received_at, answered_at, working_days, on_time, published_at, published_by_id, document)
       select t.*, caunoi_case_search_document(t.title, t.question || ' ' || t.answer)
         from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
           as t(case_id, unit_id, province_id, commune_id, category_id, legal_track, title, question, answer,
                basis, received_at, answered_at, working_days, on_time, published_at, published_by_id)`,
      params,
    );
  }
}
