import type { TCaseListItem, TConcernSurge } from '@caunoi/contract';

/** The one map of realtime events (DESIGN.md §8): what the server sends officers' browsers. */
export interface ServerToClientEvents {
  'case.created': (payload: TCaseListItem) => void;
  'case.updated': (payload: TCaseListItem) => void;
  'escalation.raised': (payload: TCaseListItem) => void;
  /** To the oversight room: a concern crossed the surge rule (many alike submissions in several provinces). */
  'concern.surged': (payload: TConcernSurge) => void;
  /** Sent once after connecting: the rooms joined, so clients and tests know they are ready. */
  ready: (payload: { rooms: string[] }) => void;
}

export type ClientToServerEvents = Record<string, never>;

/**
 * Rooms: `unit:<code>` for officers of a unit (the cases it owns), `subtree:<code>` for its
 * supervisors (the cases it and every unit below own), `oversight` for the Government Office and
 * administrators (every case, without citizen contact data).
 */
export const rooms = {
  unit: (code: string) => `unit:${code}`,
  subtree: (code: string) => `subtree:${code}`,
  oversight: 'oversight',
} as const;
