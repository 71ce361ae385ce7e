import type { Case } from './case.entity';
import type { Category } from './category.entity';
import type { Citizen } from './citizen.entity';
import type { OrgUnit } from './org-unit.entity';

/** The columns of a case the one transition path reads or writes (with `updatedAt`, set on every change). */
type CaseColumns =
  | 'id'
  | 'trackingCode'
  | 'language'
  | 'channel'
  | 'legalTrack'
  | 'status'
  | 'machineSnapshot'
  | 'version'
  | 'receivedAt'
  | 'acknowledgeDueAt'
  | 'transferDueAt'
  | 'acceptDueAt'
  | 'resolveDueAt'
  | 'citizenReplyDueAt'
  | 'autoCloseDueAt'
  | 'expectedAnswerAt'
  | 'nextDueAt'
  | 'warnAt'
  | 'pausedAt'
  | 'pausedSeconds'
  | 'extensionCount'
  | 'escalationLevel'
  | 'escalatedAt'
  | 'transferCount'
  | 'reopenCount'
  | 'supportCount'
  | 'satisfaction'
  | 'publicationConsent'
  | 'acceptedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'updatedAt'
  | 'auditTail';

/**
 * A case as the one transition path (backend `changeCases`) reads and writes it: its state
 * columns, and of its relations only what the machine, the clocks and the notices need. The `Case`
 * entity is one; a sweeper batch's plain records (`readClaimedCases`) are another, because building
 * 500 entities cost more than the batch's whole statement.
 */
export type ChangeableCase = Pick<Case, CaseColumns> & {
  owningUnit: Pick<OrgUnit, 'id' | 'code' | 'path' | 'level' | 'isRemoteArea'>;
  category?: Pick<Category, 'id' | 'code' | 'legalTrack' | 'answerApproval'> | null;
  citizen?: Pick<Citizen, 'email' | 'zaloIds'> | null;
  assignee?: { id: number } | null;
  duplicateOf?: { id: number } | null;
};
