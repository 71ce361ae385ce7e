/**
 * The vocabulary of CauNoi: every enumerated value that is stored, sent over the API or shown in
 * the UI is declared here once, so the database, the backend and the admin UI cannot drift apart.
 */

/** Persisted case states (DESIGN.md §3). */
export const CASE_STATUSES = [
  'received',
  'triage',
  'routed',
  'inProgress',
  /** An answer drafted by the officer waits for the unit head's approval (ký duyệt); the clock runs. */
  'awaitingApproval',
  'awaitingCitizen',
  'resolved',
  'closed',
  'rejected',
  'merged',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const FINAL_CASE_STATUSES = ['closed', 'rejected', 'merged'] as const satisfies readonly CaseStatus[];
export const OPEN_CASE_STATUSES = CASE_STATUSES.filter(
  (s): s is Exclude<CaseStatus, (typeof FINAL_CASE_STATUSES)[number]> =>
    !(FINAL_CASE_STATUSES as readonly string[]).includes(s),
);

export function isOpenStatus(status: CaseStatus): boolean {
  return !(FINAL_CASE_STATUSES as readonly string[]).includes(status);
}

/** Where a submission came in, and therefore where the citizen is answered. */
export const CHANNELS = ['portal', 'email', 'zalo', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The legal track decides the clocks and the owner (vietnam-rules.md Part 3): PAKN on regulations
 * (Decree 20/2008), PAKN on officials' conduct, complaints (Law 02/2011) and denunciations
 * (Law 25/2018).
 */
export const LEGAL_TRACKS = ['pakn', 'conduct', 'complaint', 'denunciation'] as const;
export type LegalTrack = (typeof LEGAL_TRACKS)[number];

export const ORG_UNIT_LEVELS = ['governmentOffice', 'ministry', 'ministerialAgency', 'province', 'commune'] as const;
export type OrgUnitLevel = (typeof ORG_UNIT_LEVELS)[number];

/** SLA clocks a rule can define (DESIGN.md §5). */
export const SLA_CLOCKS = ['acknowledge', 'transfer', 'accept', 'resolve', 'citizenReply'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export const SLA_PERIOD_UNITS = ['workingDays', 'days', 'hours'] as const;
export type SlaPeriodUnit = (typeof SLA_PERIOD_UNITS)[number];

export const CALENDAR_DAY_KINDS = ['holiday', 'workingDay'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const ROLES = ['officer', 'supervisor', 'govOffice', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/** `seen` comes from Zalo's read receipts; `failed` carries the reason on the message. */
/** `draft`: an answer waiting for the head's approval, never delivered; `returned`: a draft the head sent back. */
export const DELIVERY_STATUSES = [
  'received',
  'queued',
  'sent',
  'delivered',
  'seen',
  'failed',
  'draft',
  'returned',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * `failed`: processing broke after the raw store; it is retried and listed for officers.
 * `rejected`: the sender's input was invalid and they were told why on their channel.
 * `ignored`: kept raw but not a submission (auto-replies, bounces, honeypot hits, read receipts).
 */
export const INBOUND_STATUSES = ['pending', 'processed', 'failed', 'rejected', 'ignored'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export const OUTBOX_KINDS = ['email', 'zalo', 'socket'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const OUTBOX_STATUSES = ['pending', 'sending', 'retrying', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const ACTOR_TYPES = ['citizen', 'officer', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
