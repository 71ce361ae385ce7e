import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';
import type { MikroORM } from '@caunoi/db';
import { canSeeCitizenContact } from '@caunoi/workflows';
import { loadPrincipal } from '../auth/load-principal';
import type { Principal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';
import type { Logger } from '../support/logger';
import { type ClientToServerEvents, type ServerToClientEvents, rooms } from './socket-events';
import { isDatabaseUnavailable } from '../http/database-unavailable';

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal }
>;

export interface RealtimeHandle {
  io: RealtimeServer;
  close(): Promise<void>;
}

/**
 * socket.io on the API's HTTP server; the login token goes in the handshake (`auth.token`). The
 * PostgreSQL adapter carries broadcasts to the sockets of every replica (NOTIFY/LISTEN), so the
 * instance that runs a live-update job reaches officers connected anywhere.
 */
export function createSocketServer(
  http: HttpServer,
  orm: MikroORM,
  databaseUrl: string,
  tokens: TokenService,
  logger: Logger,
): RealtimeHandle {
  const io: RealtimeServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: true, credentials: true },
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // The adapter holds one client checked out for LISTEN and does not listen for its errors: a
  // database restart would crash the process. Every client the pool makes gets a handler; the
  // adapter then sees the connection end and reconnects by itself.
  // The database going away (a restart, a shutdown) is expected: one line, no stack.
  const onError = (error: Error) =>
    isDatabaseUnavailable(error)
      ? logger.warn({ reason: error.message }, 'socket.io adapter lost its database connection; it reconnects')
      : logger.warn({ err: error }, 'socket.io adapter connection error');
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    // A checked-out client that dies is never released by the adapter, and the pool would wait
    // for it for ever on shutdown: hand it back as broken (a no-op for idle clients).
    client.on('end', () => {
      try {
        (client as unknown as { release?: (destroy: boolean) => void }).release?.(true);
      } catch {
        // already back in the pool
      }
    });
  });
  io.adapter(createAdapter(pool, { errorHandler: onError }));
  io.use(async (socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : '';
    const claims = token ? await tokens.verify(token) : null;
    const found = claims ? await loadPrincipal(orm.em.fork(), claims.userId) : null;
    const principal = found && found.tokenVersion === claims?.tokenVersion ? found : null;
    if (!principal) return next(new Error('unauthenticated: log in and pass { auth: { token } }'));
    socket.data.principal = principal;
    next();
  });
  io.on('connection', async (socket) => {
    const principal = socket.data.principal;
    const joined = roomsFor(principal);
    await socket.join(joined);
    socket.emit('ready', { rooms: joined });
    logger.debug({ userId: principal.userId, rooms: joined }, 'socket connected');
  });
  return {
    io,
    async close() {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await pool.end();
    },
  };
}

function roomsFor(principal: Principal): string[] {
  if (!canSeeCitizenContact(principal.role)) return [rooms.oversight];
  return principal.role === 'supervisor'
    ? [rooms.unit(principal.unitCode), rooms.subtree(principal.unitCode)]
    : [rooms.unit(principal.unitCode)];
}
