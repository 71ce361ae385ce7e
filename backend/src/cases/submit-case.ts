import { createHash, randomBytes } from 'node:crypto';
import { Case, CaseMessage, Category, Citizen, type EntityManager, OrgUnit } from '@caunoi/db';
import { type Channel, type Language, accessKeyFromBytes, applyClockEffects, formatTrackingCode, nextSweepAt, transitionCase } from '@caunoi/workflows';
import { appendCaseEvent } from '../audit/append-case-event';
import { AppError } from '../errors/app-error';
import { writeOutbox } from '../outbox/write-outbox';
import type { SlaContext } from '../sla/sla-context';

export interface SubmissionInput {
  title: string;
  body: string;
  language: Language;
  channel: Channel;
  categoryCode: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  placeText: string | null;
  citizen: { name: string | null; email: string | null; phone: string | null; zaloIds?: Record<string, string>; consentAt?: Date | null } | null;
  anonymous: boolean;
  /** The unit that received it (the portal's, the mailbox's, the Zalo OA's). */
  receivingUnitCode: string;
  /** The unit routing chose, or null for triage at the receiving unit. */
  routeToUnitCode: string | null;
  receivedAt: Date;
}

export interface SubmittedCase {
  caseId: number;
  trackingCode: string;
  /** Shown to the citizen once; only its hash is stored. */
  accessKey: string;
  status: string;
}

/**
 * Creates a case from a submission in one transaction: tracking number, citizen, the machine's
 * `submit`, deadlines, the SUBMITTED audit event, the inbound message and the outbox rows (the
 * acknowledgement among them). Every intake channel ends here.
 */
export async function submitCase(em: EntityManager, loadSla: (em: EntityManager) => Promise<SlaContext>, input: SubmissionInput): Promise<SubmittedCase> {
  const sla = await loadSla(em);
  // The day's counter is taken in its own short transaction: held until the case commits, its row
  // lock would queue every submission of the day behind the one before. A failed submission
  // leaves a gap in the numbers, which is harmless.
  const localDay = sla.calendar.localDate(input.receivedAt);
  const [{ last_value: sequence }] = await em.execute<Array<{ last_value: number }>>(
    `insert into tracking_sequence (day, last_value) values (?, 1)
     on conflict (day) do update set last_value = tracking_sequence.last_value + 1 returning last_value`,
    [localDay],
  );
  return em.transactional(async (tx) => {
    const units = await tx.find(OrgUnit, { code: { $in: [input.receivingUnitCode, input.routeToUnitCode, input.provinceCode, input.communeCode].filter((c): c is string => !!c) }, validTo: null });
    const unit = (code: string | null, field: string) => {
      if (!code) return null;
      const found = units.find((u) => u.code === code);
      if (!found) throw new AppError('VALIDATION_FAILED', `Invalid ${field}`, { fields: [{ field, message: `no current unit has the code ${code}` }] });
      return found;
    };
    const receivingUnit = unit(input.receivingUnitCode, 'receivingUnitCode')!;
    const routedUnit = unit(input.routeToUnitCode, 'routeToUnitCode');
    const category = input.categoryCode ? await tx.findOne(Category, { code: input.categoryCode, active: true }) : null;
    if (input.categoryCode && !category) throw new AppError('VALIDATION_FAILED', 'Invalid categoryCode', { fields: [{ field: 'categoryCode', message: `no category ${input.categoryCode}` }] });

    const result = transitionCase(null, { type: 'submit', unitCode: routedUnit?.code ?? null }, { actor: { kind: 'citizen', relation: 'none' } });
    if (!result.ok) throw new Error(`submit refused by the case machine: ${result.message}`);

    const trackingCode = formatTrackingCode(localDay, sequence!);
    const accessKey = accessKeyFromBytes(randomBytes(16));
    const legalTrack = category?.legalTrack ?? 'pakn';
    const owningUnit = routedUnit ?? receivingUnit;
    const clocks = applyClockEffects(
      { acknowledgeDueAt: null, transferDueAt: null, acceptDueAt: null, resolveDueAt: null, citizenReplyDueAt: null, autoCloseDueAt: null, warnAt: null, pausedAt: null, pausedSeconds: 0 },
      result.effects,
      input.receivedAt,
      sla.calendar,
      sla.periodsFor(legalTrack, localDay, owningUnit.isRemoteArea, category?.id ?? null),
    );

    const citizen = input.citizen
      ? tx.create(Citizen, { name: input.citizen.name, email: input.citizen.email, phone: input.citizen.phone, zaloIds: input.citizen.zaloIds ?? {}, consentAt: input.citizen.consentAt ?? null })
      : null;
    const kase = tx.create(Case, {
      trackingCode,
      accessKeyHash: createHash('sha256').update(accessKey).digest('hex'),
      title: input.title,
      body: input.body,
      language: input.language,
      channel: input.channel,
      legalTrack,
      category,
      province: unit(input.provinceCode, 'provinceCode'),
      commune: unit(input.communeCode, 'communeCode'),
      placeText: input.placeText,
      receivingUnit,
      owningUnit,
      citizen,
      anonymous: input.anonymous,
      status: result.status,
      machineSnapshot: result.snapshot,
      receivedAt: input.receivedAt,
      ...clocks,
      nextDueAt: nextSweepAt(result.status, clocks, { level: 0, escalatedAt: null }, sla.calendar),
    });
    tx.persist(tx.create(CaseMessage, { case: kase, direction: 'inbound', channel: input.channel, subject: input.title, body: input.body, deliveryStatus: 'received', createdAt: input.receivedAt }));
    await tx.flush(); // the case id is part of the audit hash and the outbox keys
    const audit = await appendCaseEvent(tx, kase, {
      type: result.auditType,
      actorType: 'citizen',
      actor: 'citizen',
      fromStatus: null,
      toStatus: result.status,
      payload: { channel: input.channel, ...(routedUnit ? { autoRoutedTo: routedUnit.code } : {}) },
      at: input.receivedAt,
    });
    writeOutbox(tx, result.effects, { kase, eventSeq: audit.seq, previousOwningUnitPath: null, now: input.receivedAt });
    await tx.flush();
    return { caseId: kase.id, trackingCode, accessKey, status: kase.status };
  });
}
