import { useEffect, useState } from 'react';
import type { TConcernSurge } from '@caunoi/contract';
import { useNotify, useRefresh } from 'react-admin';
import { type Socket, io } from 'socket.io-client';
import { session } from '../providers/session';

interface CaseEventPayload {
  id: number;
  trackingCode: string;
  title: string;
  escalationLevel: number;
}

let socket: Socket | null = null;

/** One socket per tab, authenticated with the officer's token; the server puts it in its units' rooms. */
function connect(): Socket | null {
  const token = session.token();
  if (!token) return null;
  if (socket && (socket.auth as { token?: string }).token === token) return socket;
  socket?.disconnect();
  socket = io({ path: '/socket.io', auth: { token }, transports: ['websocket'] });
  return socket;
}

/** Lists refresh when a case in the officer's units is created or changes; escalations raise a toast. */
export function useLiveUpdates(): void {
  const refresh = useRefresh();
  const notify = useNotify();
  useEffect(() => {
    const s = connect();
    if (!s) return;
    const created = (c: CaseEventPayload) => {
      notify('caunoi.live.created', { type: 'info', messageArgs: { code: c.trackingCode, title: c.title } });
      refresh();
    };
    const updated = () => refresh();
    const escalated = (c: CaseEventPayload) => {
      notify('caunoi.live.escalated', {
        type: 'warning',
        messageArgs: { code: c.trackingCode, level: c.escalationLevel },
      });
      refresh();
    };
    s.on('case.created', created);
    s.on('case.updated', updated);
    s.on('escalation.raised', escalated);
    return () => {
      s.off('case.created', created);
      s.off('case.updated', updated);
      s.off('escalation.raised', escalated);
    };
  }, [notify, refresh]);
}

/** An open case page reloads when someone else acts on that case. */
export function useLiveCase(caseId: number | null): void {
  const refresh = useRefresh();
  useEffect(() => {
    const s = connect();
    if (!s || caseId === null) return;
    const onUpdate = (c: CaseEventPayload) => {
      if (c.id === caseId) refresh();
    };
    s.on('case.updated', onUpdate);
    return () => {
      s.off('case.updated', onUpdate);
    };
  }, [caseId, refresh]);
}

/** A concern crossing the surge rule (to the Government Office's room): the latest one, and a reload of the list. */
export function useConcernSurges(onSurge: () => void): TConcernSurge | null {
  const [latest, setLatest] = useState<TConcernSurge | null>(null);
  useEffect(() => {
    const s = connect();
    if (!s) return;
    const surged = (payload: TConcernSurge) => {
      setLatest(payload);
      onSurge();
    };
    s.on('concern.surged', surged);
    return () => {
      s.off('concern.surged', surged);
    };
  }, [onSurge]);
  return latest;
}
