import type { EntityManager } from '@caunoi/db';

export interface OutboxRow {
  id: number;
  kind: 'email' | 'zalo';
  caseId: number | null;
  payload: Record<string, unknown>;
  attempts: number;
  dedupeKey: string;
}

/** Delivers one outbox row; throws to retry with backoff; a `note` says what happened instead (no recipient, a fallback). */
export interface Deliverer {
  deliver(row: OutboxRow, em: EntityManager): Promise<{ note?: string } | void>;
}

/** A failure that retrying cannot fix (an invalid recipient, a disabled OA): the row goes dead at once. */
export function permanentFailure(message: string): Error {
  return Object.assign(new Error(message), { permanent: true });
}

export function isPermanentFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: boolean }).permanent === true;
}
