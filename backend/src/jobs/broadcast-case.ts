import { type EntityManager, findCaseRows } from '@caunoi/db';
import { unitsAbove } from '@caunoi/workflows';
import { toCaseListItemDto } from '../cases/case-dtos';
import type { RealtimeServer } from '../realtime/socket-server';
import { rooms } from '../realtime/socket-events';
import type { BroadcastJob } from '../transitions/delivery-jobs';

/**
 * The `broadcastCase` task: tells the rooms that must hear about a case (the owning unit and every
 * unit above it; after a transfer, the one before too) with the case as it is now, contact data
 * included; the oversight room gets it without. Through the socket.io adapter every instance's
 * connections hear it, whichever instance ran the job.
 */
export function createCaseBroadcaster(io: RealtimeServer) {
  return async (job: BroadcastJob, em: EntityManager): Promise<void> => {
    const targets = [{ caseId: job.caseId, unitPaths: job.unitPaths }, ...(job.more ?? [])];
    // One read for every case the job names (a group's, a batch's).
    const rows = new Map(
      (
        await findCaseRows(
          em,
          targets.map((t) => t.caseId),
        )
      ).map((r) => [Number(r.id), r]),
    );
    for (const { caseId, unitPaths } of targets) {
      const row = rows.get(caseId);
      if (!row) continue; // the case is gone: nothing to tell
      const staffRooms = new Set<string>();
      for (const path of unitPaths) {
        const codes = unitsAbove(path);
        staffRooms.add(rooms.unit(codes.at(-1)!));
        for (const code of codes) staffRooms.add(rooms.subtree(code));
      }
      io.to([...staffRooms]).emit(job.event, toCaseListItemDto(row, { includeContact: true }));
      io.to(rooms.oversight).emit(job.event, toCaseListItemDto(row, { includeContact: false }));
    }
  };
}
