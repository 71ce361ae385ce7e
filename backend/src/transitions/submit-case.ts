import {
  Case,
  CaseMessage,
  Category,
  Citizen,
  type EntityManager,
  type NewCitizenRow,
  OrgUnit,
  ensureTrackingDay,
  insertCaseMessages,
  insertCitizens,
  nextTrackingNumbers,
} from '@caunoi/db';
import { type Channel, type Language, NO_CLOCKS, formatTrackingCode } from '@caunoi/workflows';
import { AppError } from '../http/app-error';
import { deriveAccessKey, hashAccessKey } from './access-key';
import { type CheckedAttachment, storeAttachments } from './attachments';
import { type CaseChange, changeCases } from './change-case';
import type { NewCase } from './new-case';
import type { SlaContext } from './sla-context';

export interface SubmissionInput {
  title: string;
  body: string;
  language: Language;
  channel: Channel;
  categoryCode: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  placeText: string | null;
  /** Where it is, when the citizen's device or the agency's app said (WGS 84). */
  latitude?: number | null;
  longitude?: number | null;
  /** The category's structured details, already checked (workflows' checkAttributes). */
  attributes?: Record<string, string>;
  /** New contact data, or a citizen already known (a follow-up, a Zalo user writing again). */
  citizen:
    | {
        name: string | null;
        email: string | null;
        phone: string | null;
        zaloIds?: Record<string, string>;
        consentAt?: Date | null;
      }
    | { existingId: number }
    | null;
  anonymous: boolean;
  /** The unit that received it (the portal's, the mailbox's, the Zalo OA's). */
  receivingUnitCode: string;
  /** The unit routing chose, or null for triage. */
  routeToUnitCode: string | null;
  /** For triage: the desk that triages it (the lowest unit its place names); absent, the receiving unit's. */
  triageUnitCode?: string | null;
  receivedAt: Date;
  /** The channel's id of the message (email Message-ID, Zalo msg_id): replies thread by it. */
  externalMessageId?: string | null;
  attachments?: CheckedAttachment[];
  /** A message on a finished case opens a new one that refers to it. */
  followUpOf?: string | null;
  /** The citizen agreed to the publication of the question and its answer, masked (the form's choice). */
  publicationConsent?: boolean;
  /** The case this one appeals to the level above: linked, with its citizen and its own clocks. */
  appealOf?: { caseId: number; trackingCode: string } | null;
}

export interface CaseCreationDeps {
  /** Derives the citizen's access key from the tracking code, so a retried submission gets the same key back. */
  accessKeySecret: string;
}

export interface SubmittedCase {
  caseId: number;
  trackingCode: string;
  /** Shown to the citizen once; only its hash is stored. */
  accessKey: string;
  status: string;
}

/** Raised inside a case transaction when the day's tracking sequence is missing: make it, then retry. */
export class TrackingDayNotReady extends Error {
  constructor(readonly localDay: string) {
    super(`the tracking sequence of ${localDay} does not exist yet`);
  }
}

/**
 * Runs a case-creating transaction; if it needed a day's tracking sequence that did not exist,
 * the sequence is made after the rollback (holding no connection) and the transaction runs again.
 */
export async function withTrackingDays<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof TrackingDayNotReady) || attempt >= 2) throw error;
      await ensureTrackingDay(em.fork(), error.localDay);
    }
  }
}

/** Creates a case from a submission in a transaction of its own (tests, benchmarks, the demo). */
export async function submitCase(
  em: EntityManager,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  input: SubmissionInput,
  options: { accessKeySecret: string },
): Promise<SubmittedCase> {
  const sla = await loadSla(em);
  return withTrackingDays(em, () =>
    em.transactional(async (tx) => (await createCase(tx, sla, input, options)).submitted),
  );
}

/** A submission that became a case, or the sender's mistake that stopped it (a unit or category that does not exist). */
export type CaseCreation = { ok: true; kase: NewCase; submitted: SubmittedCase } | { ok: false; error: AppError };

/**
 * Creates a case inside the caller's transaction: tracking number, citizen, the machine's
 * `submit`, deadlines, the SUBMITTED audit event, the inbound message with its attachments and the
 * jobs (the acknowledgement among them). Every intake channel ends here.
 */
export async function createCase(
  tx: EntityManager,
  sla: SlaContext,
  input: SubmissionInput,
  deps: CaseCreationDeps,
): Promise<{ kase: NewCase; submitted: SubmittedCase }> {
  const [created] = await createCases(tx, sla, [input], deps);
  if (!created!.ok) throw created!.error;
  return created!;
}

/**
 * The same for a group of submissions (group commit): the statements are one per kind of row,
 * whatever the number of cases — the tracking numbers, the units and categories read, the
 * citizens, cases and messages inserted, then the one writer's statements. A submission naming a
 * unit or category that does not exist is refused in its place; the others go on.
 */
export async function createCases(
  tx: EntityManager,
  sla: SlaContext,
  inputs: readonly SubmissionInput[],
  deps: CaseCreationDeps,
): Promise<CaseCreation[]> {
  if (!inputs.length) return [];
  const numbers = await reserveTrackingNumbers(
    tx,
    inputs.map((input) => sla.calendar.localDate(input.receivedAt)),
  );
  const unitCodes = new Set(
    inputs.flatMap((input) =>
      [
        input.receivingUnitCode,
        input.routeToUnitCode,
        input.triageUnitCode,
        input.provinceCode,
        input.communeCode,
      ].filter((c): c is string => !!c),
    ),
  );
  const categoryCodes = new Set(inputs.map((input) => input.categoryCode).filter((c): c is string => !!c));
  // One after the other: a transaction's statements run on its one connection anyway.
  const units = await tx.find(OrgUnit, { code: { $in: [...unitCodes] }, validTo: null });
  const categories = categoryCodes.size
    ? await tx.find(Category, { code: { $in: [...categoryCodes] }, active: true })
    : [];
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));

  const creations: Array<CaseCreation | BuiltCase> = [];
  for (const [index, input] of inputs.entries()) {
    try {
      creations.push(buildCase(tx, input, numbers[index]!, unitByCode, categoryByCode, deps));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      creations.push({ ok: false, error });
    }
  }
  const built = creations.filter((c): c is BuiltCase => 'change' in c);
  // The people the group introduced first: their cases name them.
  const newcomers = built.flatMap((b) => (b.citizen ? [b] : []));
  const citizenIds = await insertCitizens(
    tx,
    newcomers.map((b) => b.citizen!.row),
  );
  for (const [i, b] of newcomers.entries()) {
    b.citizen!.id = citizenIds[i]!;
    b.kase.submission!.citizen_id = citizenIds[i]!;
  }
  const changed = await changeCases(
    tx,
    sla,
    built.map((b) => ({ kase: b.kase, change: b.change })),
  );
  // `submit` is never refused by the machine; a refusal here is a bug, and fails the group.
  for (const outcome of changed) if (!outcome.ok) throw outcome.error;
  // Each case's first conversation entry: what the citizen wrote, as it arrived.
  const messageIds = await insertCaseMessages(
    tx,
    built.map(({ kase, input }) => ({
      case_id: kase.id,
      direction: 'inbound',
      channel: input.channel,
      subject: input.title,
      body: input.body,
      external_id: input.externalMessageId ?? null,
      delivery_status: 'received',
      author_id: null,
      created_at: input.receivedAt,
    })),
  );
  const withFiles = built.flatMap((b, i) => (b.input.attachments?.length ? [{ b, messageId: messageIds[i]! }] : []));
  for (const { b, messageId } of withFiles)
    await storeAttachments(
      tx,
      tx.getReference(Case, b.kase.id),
      tx.getReference(CaseMessage, messageId),
      b.input.attachments!,
    );
  if (withFiles.length) await tx.flush();
  return creations.map((c) =>
    'change' in c
      ? { ok: true, kase: c.kase, submitted: { ...c.submitted, caseId: c.kase.id, status: c.kase.status } }
      : c,
  );
}

/** A new citizen in memory: inserted with the group, its id set then. */
interface NewCitizen {
  id: number;
  email: string | null;
  zaloIds: Record<string, string>;
  row: NewCitizenRow;
}

type BuiltCase = ReturnType<typeof buildCase>;

/** The tracking numbers of a group, each from its local day's sequence (one statement per day). */
async function reserveTrackingNumbers(tx: EntityManager, localDays: readonly string[]): Promise<string[]> {
  const codes: string[] = new Array(localDays.length);
  for (const day of new Set(localDays)) {
    const at = localDays.flatMap((d, i) => (d === day ? [i] : []));
    const numbers = await nextTrackingNumbers(tx, day, at.length);
    if (numbers === null) throw new TrackingDayNotReady(day);
    for (const [k, i] of at.entries()) codes[i] = formatTrackingCode(day, numbers[k]!);
  }
  return codes;
}

/** One submission's rows, in memory: nothing is written until the writer flushes the group. */
function buildCase(
  tx: EntityManager,
  input: SubmissionInput,
  trackingCode: string,
  unitByCode: ReadonlyMap<string, OrgUnit>,
  categoryByCode: ReadonlyMap<string, Category>,
  deps: CaseCreationDeps,
) {
  const unit = (code: string | null, field: string) => {
    if (!code) return null;
    const found = unitByCode.get(code);
    if (!found)
      throw new AppError('VALIDATION_FAILED', `Invalid ${field}`, {
        fields: [{ field, message: `no current unit has the code ${code}` }],
      });
    return found;
  };
  const receivingUnit = unit(input.receivingUnitCode, 'receivingUnitCode')!;
  const routedUnit = unit(input.routeToUnitCode, 'routeToUnitCode');
  const triageUnit = routedUnit ? null : unit(input.triageUnitCode ?? null, 'triageUnitCode');
  const province = unit(input.provinceCode, 'provinceCode');
  const commune = unit(input.communeCode, 'communeCode');
  const category = input.categoryCode ? (categoryByCode.get(input.categoryCode) ?? null) : null;
  if (input.categoryCode && !category)
    throw new AppError('VALIDATION_FAILED', 'Invalid categoryCode', {
      fields: [{ field: 'categoryCode', message: `no category ${input.categoryCode}` }],
    });

  const accessKey = deriveAccessKey(deps.accessKeySecret, trackingCode);
  // A known citizen is a reference (a follow-up, a Zalo user writing again); a new one is inserted with the group.
  const citizen: NewCitizen | Citizen | null = !input.citizen
    ? null
    : 'existingId' in input.citizen
      ? tx.getReference(Citizen, input.citizen.existingId)
      : {
          id: 0,
          email: input.citizen.email,
          zaloIds: input.citizen.zaloIds ?? {},
          row: {
            name: input.citizen.name,
            email: input.citizen.email,
            phone: input.citizen.phone,
            zalo_ids: input.citizen.zaloIds ?? {},
            consent_at: input.citizen.consentAt ?? null,
            created_at: new Date(),
          },
        };
  // The case as it arrived; its state, deadlines, first event and jobs are the machine's
  // `submit`, written by the one path like every later change (one insert: nothing is written before).
  const kase: NewCase = {
    id: 0,
    trackingCode,
    language: input.language,
    channel: input.channel,
    legalTrack: category?.legalTrack ?? 'pakn',
    category,
    owningUnit: routedUnit ?? triageUnit ?? receivingUnit,
    citizen,
    status: 'received',
    machineSnapshot: null,
    version: 0,
    receivedAt: input.receivedAt,
    // The clocks are the machine's `submit` to start.
    ...NO_CLOCKS,
    expectedAnswerAt: null,
    nextDueAt: null,
    extensionCount: 0,
    escalationLevel: 0,
    escalatedAt: null,
    transferCount: 0,
    reopenCount: 0,
    supportCount: 1,
    satisfaction: null,
    publicationConsent: input.publicationConsent ?? false,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: input.receivedAt,
    // No chain yet: its first link is the `submit` event.
    auditTail: undefined,
    submission: {
      tracking_code: trackingCode,
      access_key_hash: hashAccessKey(accessKey),
      title: input.title,
      body: input.body,
      language: input.language,
      channel: input.channel,
      province_id: province?.id ?? null,
      commune_id: commune?.id ?? null,
      place_text: input.placeText,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      attributes: input.attributes ?? {},
      receiving_unit_id: receivingUnit.id,
      // Set once the group's new citizens have their ids.
      citizen_id: citizen && !('row' in citizen) ? citizen.id : null,
      anonymous: input.anonymous,
      appeal_of_id: input.appealOf?.caseId ?? null,
      support_count: 1,
      received_at: input.receivedAt,
      created_at: new Date(),
    },
  };
  const change: CaseChange<NewCase> = {
    event: { type: 'submit', unitCode: routedUnit?.code ?? null },
    context: { actor: { kind: 'citizen', relation: 'none' } },
    actor: { actorType: 'citizen', actor: 'citizen', userId: null },
    now: input.receivedAt,
    auditExtra: {
      channel: input.channel,
      ...(routedUnit ? { autoRoutedTo: routedUnit.code } : {}),
      ...(triageUnit ? { triageDesk: triageUnit.code } : {}),
      ...(input.attachments?.length
        ? { attachments: input.attachments.map((a) => ({ fileName: a.fileName, mime: a.mime, sha256: a.sha256 })) }
        : {}),
      ...(input.followUpOf ? { followUpOf: input.followUpOf } : {}),
      ...(input.appealOf ? { appealOf: input.appealOf.trackingCode } : {}),
      ...(input.publicationConsent ? { publicationConsent: true } : {}),
    },
  };
  return {
    ok: true as const,
    kase,
    citizen: citizen && 'row' in citizen ? citizen : null,
    change,
    input,
    submitted: { caseId: 0, trackingCode, accessKey, status: 'received' },
  };
}
