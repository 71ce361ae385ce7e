import type { Attachment, Case, CaseEvent, CaseListRow, CaseMessage } from '@caunoi/db';
import { type CaseEventType, type LegalTrack, liveClocks, runningDeadline } from '@caunoi/workflows';
import type { TCaseDetail, TCaseListItem } from '@caunoi/contract';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** What the caller may see of citizens: oversight roles get no contact data anywhere (invariant 6). */
export interface DtoAudience {
  includeContact: boolean;
  now?: Date;
}

/** Overdue: the clock running in the case's state has passed its deadline (timeouts do not count). */
function overdue(runningDue: Date | null, now: Date): boolean {
  return runningDue !== null && new Date(runningDue).getTime() < now.getTime();
}

export function toCaseListItemDto(row: CaseListRow, audience: DtoAudience): TCaseListItem {
  const now = audience.now ?? new Date();
  const dto: TCaseListItem = {
    id: row.id,
    trackingCode: row.trackingCode,
    title: row.title,
    status: row.status,
    channel: row.channel,
    legalTrack: row.legalTrack as LegalTrack,
    language: row.language,
    category: row.categoryCode
      ? { code: row.categoryCode, nameVi: row.categoryNameVi!, nameEn: row.categoryNameEn! }
      : null,
    owningUnit: { code: row.owningUnitCode, name: row.owningUnitName },
    place: [row.communeName, row.provinceName].filter(Boolean).join(', ') || null,
    receivedAt: iso(row.receivedAt)!,
    updatedAt: iso(row.updatedAt)!,
    nextDueAt: iso(row.nextDueAt),
    resolveDueAt: iso(row.resolveDueAt),
    runningDueAt: iso(row.runningDueAt),
    isPaused: row.pausedAt !== null,
    isOverdue: overdue(row.runningDueAt, now),
    escalationLevel: row.escalationLevel,
    supportCount: row.supportCount,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    version: row.version,
  };
  if (audience.includeContact) dto.citizenName = row.citizenName;
  return dto;
}

export interface CaseDetailParts {
  kase: Case;
  events: CaseEvent[];
  messages: CaseMessage[];
  attachments: Attachment[];
  /** Cases linked as related (not merged). */
  related: Array<Pick<Case, 'id' | 'trackingCode' | 'title' | 'status'>>;
  availableTransitions: CaseEventType[];
}

/** The case page: everything an officer needs, nothing an oversight role may not see. */
export function toCaseDetailDto(parts: CaseDetailParts, audience: DtoAudience): TCaseDetail {
  const { kase } = parts;
  const now = audience.now ?? new Date();
  const running = runningDeadline(kase.status, {
    transferDueAt: kase.transferDueAt ?? null,
    acceptDueAt: kase.acceptDueAt ?? null,
    resolveDueAt: kase.resolveDueAt ?? null,
  });
  const dto: TCaseDetail = {
    id: kase.id,
    trackingCode: kase.trackingCode,
    title: kase.title,
    status: kase.status,
    channel: kase.channel,
    legalTrack: kase.legalTrack,
    language: kase.language,
    category: kase.category
      ? { code: kase.category.code, nameVi: kase.category.nameVi, nameEn: kase.category.nameEn }
      : null,
    owningUnit: { code: kase.owningUnit.code, name: kase.owningUnit.nameVi },
    receivingUnit: { code: kase.receivingUnit.code, name: kase.receivingUnit.nameVi },
    place: [kase.commune?.nameVi, kase.province?.nameVi].filter(Boolean).join(', ') || null,
    placeText: kase.placeText ?? null,
    location:
      kase.latitude !== null && kase.latitude !== undefined && kase.longitude !== null && kase.longitude !== undefined
        ? { latitude: Number(kase.latitude), longitude: Number(kase.longitude) }
        : null,
    attributes: kase.attributes ?? {},
    body: kase.body,
    anonymous: kase.anonymous,
    receivedAt: iso(kase.receivedAt)!,
    updatedAt: iso(kase.updatedAt)!,
    nextDueAt: iso(kase.nextDueAt),
    resolveDueAt: iso(kase.resolveDueAt),
    runningDueAt: iso(running),
    isPaused: kase.pausedAt != null,
    isOverdue: overdue(running, now),
    escalationLevel: kase.escalationLevel,
    supportCount: kase.supportCount,
    assignee: kase.assignee ? { id: kase.assignee.id, name: kase.assignee.name } : null,
    version: kase.version,
    deadlines: {
      acknowledge: iso(kase.acknowledgeDueAt),
      transfer: iso(kase.transferDueAt),
      accept: iso(kase.acceptDueAt),
      resolve: iso(kase.resolveDueAt),
      citizenReply: iso(kase.citizenReplyDueAt),
      autoClose: iso(kase.autoCloseDueAt),
      pausedAt: iso(kase.pausedAt),
      pausedSeconds: kase.pausedSeconds,
      live: liveClocks(kase.status),
    },
    transferCount: kase.transferCount,
    reopenCount: kase.reopenCount,
    extensionCount: kase.extensionCount,
    satisfaction: kase.satisfaction ?? null,
    duplicateOf: kase.duplicateOf ? { id: kase.duplicateOf.id, trackingCode: kase.duplicateOf.trackingCode } : null,
    acceptedAt: iso(kase.acceptedAt),
    resolvedAt: iso(kase.resolvedAt),
    closedAt: iso(kase.closedAt),
    timeline: parts.events.map((e) => ({
      seq: e.seq,
      type: e.type,
      actor: e.actor,
      actorName: e.actorUser?.name ?? null,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      reason: e.reason ?? null,
      payload: e.payload,
      createdAt: iso(e.createdAt)!,
    })),
    messages: parts.messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      channel: m.channel,
      subject: m.subject ?? null,
      body: m.body,
      deliveryStatus: m.deliveryStatus,
      createdAt: iso(m.createdAt)!,
      sentAt: iso(m.sentAt),
    })),
    attachments: parts.attachments.map((a) => ({ id: a.id, fileName: a.fileName, mime: a.mime, size: a.size })),
    availableTransitions: parts.availableTransitions,
    related: parts.related.map((r) => ({ id: r.id, trackingCode: r.trackingCode, title: r.title, status: r.status })),
    suggestion: latestSuggestion(parts.events),
  };
  if (audience.includeContact) {
    dto.citizenName = kase.citizen?.name ?? null;
    dto.citizen = kase.citizen
      ? {
          name: kase.citizen.name ?? null,
          email: kase.citizen.email ?? null,
          phone: kase.citizen.phone ?? null,
          zaloIds: kase.citizen.zaloIds,
        }
      : null;
  }
  return dto;
}

/** The category model's last word on the case (its CATEGORY_SUGGESTED event), as the officer's page shows it. */
function latestSuggestion(events: ReadonlyArray<{ type: string; payload: Record<string, unknown>; createdAt: Date }>) {
  const last = [...events].reverse().find((e) => e.type === 'CATEGORY_SUGGESTED');
  if (!last) return null;
  const p = last.payload as {
    categoryCode?: string | null;
    confidence?: number;
    because?: string[];
    alternatives?: Array<{ categoryCode: string; confidence: number }>;
    signals?: string[];
    applied?: boolean;
  };
  if (!p.categoryCode) return null;
  return {
    categoryCode: p.categoryCode,
    confidence: p.confidence ?? 0,
    because: p.because ?? [],
    alternatives: p.alternatives ?? [],
    signals: (p.signals ?? []).filter(
      (s): s is 'complaint' | 'denunciation' => s === 'complaint' || s === 'denunciation',
    ),
    applied: p.applied === true,
    at: new Date(last.createdAt).toISOString(),
  };
}
