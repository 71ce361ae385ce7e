import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { zaloSignature } from '../channels/zalo/zalo-signature';

/**
 * A local stand-in for Zalo's servers, speaking the wire format of zalo-oa.md §1.10 so that our
 * real client and webhook are exercised end to end where openapi.zalo.me cannot be reached (tests
 * and `npm start`). It is test infrastructure, not a stub of our client: it answers HTTP 200 with
 * an `error` field, rotates single-use refresh tokens, returns `expires_in` as a string, keeps ids
 * as strings, and signs webhooks exactly as Zalo does, retrying them with `num_retry`.
 */
export interface FakeZaloApp {
  appId: string;
  appSecret: string;
  oaId: string;
  oaSecretKey: string;
  /** The refresh token an admin got when authorising the OA. */
  refreshToken: string;
}

export interface SentMessage {
  oaId: string;
  userId: string;
  text: string;
  /** A button template's buttons (`oa.query.show`: the payload comes back as the user's text). */
  buttons?: Array<{ type: string; title: string; payload: unknown }>;
  messageId: string;
  at: Date;
}

export interface WebhookDelivery {
  status: number | null;
  numRetry: number;
  error?: string;
}

export interface FakeZalo {
  /** Serves both the API and the OAuth routes. */
  url: string;
  sent: SentMessage[];
  /** Webhook events sent, with what our webhook answered each time. */
  deliveries: Array<{ event: Record<string, unknown>; attempts: WebhookDelivery[] }>;
  setWebhookUrl(url: string): void;
  /** The next `times` API calls answer `code` (e.g. -32 rate limit, -216 invalid token). */
  failNext(code: number, times?: number): void;
  /** Drops every API and OAuth connection while down (Zalo unreachable), until set back. */
  setDown(down: boolean): void;
  /** The user has not interacted for 7 days: cs messages to them fail with -230. */
  closeWindow(userId: string): void;
  /** Makes the current access tokens expire (the next call gets -220). */
  expireAccessTokens(): void;
  refreshCount(): number;
  /** Builds a user → OA event as Zalo sends it. */
  userEvent(
    eventName: string,
    userId: string,
    message: Record<string, unknown>,
    oaId?: string,
  ): Record<string, unknown>;
  followEvent(userId: string, oaId?: string): Record<string, unknown>;
  /** Signs and posts an event to the webhook; retries as Zalo does when the answer is not 200 within 2 s. */
  emit(event: Record<string, unknown>): Promise<WebhookDelivery[]>;
  /** Posts an event with a signature made with the wrong secret. */
  emitForged(event: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
}

export interface FakeZaloOptions {
  apps: FakeZaloApp[];
  webhookUrl?: string;
  /** Zalo retries after ~30 s, 5 min, 15 min, 30 min, 1 h; tests shorten it. */
  retryDelaysMs?: number[];
  /** Send user_received_message for each cs message, as Zalo does when the phone gets it. */
  deliveryReceipts?: boolean;
  /** Omit the retired `quota` object from send answers (Zalo stopped returning it after 1/3/2026). */
  withQuota?: boolean;
  port?: number;
}

const ACCESS_TOKEN_SECONDS = 90_000;

export async function startFakeZalo(options: FakeZaloOptions): Promise<FakeZalo> {
  const apps = options.apps;
  const refreshTokens = new Map<string, string>(apps.map((a) => [a.refreshToken, a.appId]));
  const accessTokens = new Map<string, { oaId: string; expiresAt: number }>();
  const failures: number[] = [];
  const closedWindows = new Set<string>();
  const sent: SentMessage[] = [];
  const deliveries: FakeZalo['deliveries'] = [];
  let refreshes = 0;
  let webhookUrl = options.webhookUrl ?? null;
  const retryDelays = options.retryDelaysMs ?? [30_000, 300_000, 900_000, 1_800_000, 3_600_000];

  const id = () =>
    BigInt(`0x${randomBytes(8).toString('hex')}`)
      .toString()
      .padStart(19, '1')
      .slice(0, 19);
  const reply = (res: express.Response, error: number, message: string, data?: unknown) =>
    res.status(200).json({ error, message, ...(data !== undefined ? { data } : {}) });
  const authorise = (req: express.Request, res: express.Response): string | null => {
    const forced = failures.shift();
    if (forced !== undefined) {
      reply(res, forced, forced === -32 ? 'Your application/OA reached limit call api' : 'Forced failure');
      return null;
    }
    const token = req.header('access_token');
    const grant = token ? accessTokens.get(token) : undefined;
    if (!grant) {
      reply(res, -216, 'Access token is invalid');
      return null;
    }
    if (grant.expiresAt < Date.now()) {
      reply(res, -220, 'access_token is expired or removed');
      return null;
    }
    return grant.oaId;
  };

  const app = express();
  // Down: every connection is dropped before an answer, as when Zalo's servers cannot be reached.
  let down = false;
  app.use((req, _res, next) => (down ? void req.socket.destroy() : next()));
  app.use(express.urlencoded({ extended: false }));
  app.use(express.json({ limit: '5mb' }));

  app.post('/v4/oa/access_token', (req, res) => {
    const appSecret = req.header('secret_key');
    const { refresh_token: refreshToken, app_id: appId, grant_type: grantType } = req.body as Record<string, string>;
    const zaloApp = apps.find((a) => a.appId === appId);
    if (!zaloApp || zaloApp.appSecret !== appSecret)
      return void res.json({
        error: -14002,
        error_name: 'Invalid app',
        error_description: 'app_id or secret_key is invalid',
      });
    if (grantType !== 'refresh_token' || !refreshToken || refreshTokens.get(refreshToken) !== appId) {
      return void res.json({
        error: -14014,
        error_name: 'Invalid refresh token',
        error_description: 'Refresh token is invalid or has been used',
      });
    }
    refreshTokens.delete(refreshToken); // single use
    refreshes += 1;
    const accessToken = randomBytes(24).toString('base64url');
    const nextRefresh = randomBytes(24).toString('base64url');
    accessTokens.set(accessToken, { oaId: zaloApp.oaId, expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000 });
    refreshTokens.set(nextRefresh, appId);
    res.json({ access_token: accessToken, refresh_token: nextRefresh, expires_in: String(ACCESS_TOKEN_SECONDS) });
  });

  const send = (kind: 'cs' | 'transaction') => (req: express.Request, res: express.Response) => {
    const oaId = authorise(req, res);
    if (!oaId) return;
    const body = req.body as { recipient?: { user_id?: string }; message?: { text?: string; attachment?: unknown } };
    const userId = body.recipient?.user_id;
    if (!userId || typeof userId !== 'string') return reply(res, -201, 'user_id is invalid!');
    if (
      kind === 'cs' &&
      !body.message?.attachment &&
      (typeof body.message?.text !== 'string' || !body.message.text || body.message.text.length > 2000)
    )
      return reply(res, -201, 'text is invalid!');
    const buttons = buttonsOf(body.message?.attachment);
    if (buttons === 'invalid') return reply(res, -201, 'attachment is invalid!');
    if (closedWindows.has(userId)) return reply(res, -230, 'User has not interacted with the OA in the past 7 days');
    const messageId = randomBytes(10).toString('hex');
    sent.push({
      oaId,
      userId,
      text: body.message?.text ?? '',
      ...(buttons ? { buttons } : {}),
      messageId,
      at: new Date(),
    });
    reply(res, 0, 'Success', {
      message_id: messageId,
      user_id: userId,
      sent_time: String(Date.now()),
      ...(options.withQuota ? { quota: { quota_type: 'reply', remain: '8', total: '8' } } : {}),
    });
    if (options.deliveryReceipts) {
      const zaloApp = apps.find((a) => a.oaId === oaId)!;
      setTimeout(() => {
        void emit({
          app_id: zaloApp.appId,
          sender: { id: oaId },
          recipient: { id: userId },
          event_name: 'user_received_message',
          message: { msg_id: messageId },
          timestamp: String(Date.now()),
        }).catch(() => undefined);
      }, 20);
    }
  };
  app.post('/v3.0/oa/message/cs', send('cs'));
  app.post('/v3.0/oa/message/transaction', send('transaction'));

  app.get('/v3.0/oa/user/detail', (req, res) => {
    const oaId = authorise(req, res);
    if (!oaId) return;
    let userId: string | undefined;
    try {
      userId = (JSON.parse(String(req.query.data ?? '{}')) as { user_id?: string }).user_id;
    } catch {
      return reply(res, -201, 'data is invalid!');
    }
    if (!userId) return reply(res, -201, 'user_id is invalid!');
    reply(res, 0, 'Success', {
      user_id: userId,
      user_id_by_app: userId.split('').reverse().join(''),
      display_name: `Người dùng ${userId.slice(-4)}`,
      user_is_follower: true,
      user_last_interaction_date: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
      shared_info: null,
    });
  });

  app.post(
    ['/v2.0/oa/upload/image', '/v2.0/oa/upload/file'],
    express.raw({ type: () => true, limit: '10mb' }),
    (req, res) => {
      if (!authorise(req, res)) return;
      reply(
        res,
        0,
        'Success',
        req.path.endsWith('image')
          ? { attachment_id: randomBytes(12).toString('hex') }
          : { token: randomBytes(12).toString('hex') },
      );
    },
  );

  app.use((_req, res) => reply(res, -201, 'unknown endpoint'));

  const postSigned = async (
    body: string,
    appId: string,
    timestamp: string,
    secret: string,
    numRetry: number,
  ): Promise<WebhookDelivery> => {
    if (!webhookUrl) return { status: null, numRetry, error: 'no webhook URL configured' };
    try {
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-ZEvent-Signature': zaloSignature(appId, body, timestamp, secret),
          ...(numRetry > 0 ? { num_retry: String(numRetry) } : {}),
        },
        body,
        signal: AbortSignal.timeout(2_000),
      });
      await res.arrayBuffer();
      return { status: res.status, numRetry };
    } catch (error) {
      return { status: null, numRetry, error: (error as Error).message };
    }
  };

  const emit = async (event: Record<string, unknown>): Promise<WebhookDelivery[]> => {
    const appId = String(event.app_id);
    const zaloApp = apps.find((a) => a.appId === appId);
    if (!zaloApp) throw new Error(`fake Zalo has no app ${appId}`);
    const body = JSON.stringify(event);
    const attempts: WebhookDelivery[] = [];
    deliveries.push({ event, attempts });
    for (let attempt = 0; attempt <= retryDelays.length; attempt += 1) {
      const result = await postSigned(body, appId, String(event.timestamp), zaloApp.oaSecretKey, attempt);
      attempts.push(result);
      if (result.status === 200) break;
      if (attempt < retryDelays.length) await new Promise((r) => setTimeout(r, retryDelays[attempt]));
    }
    return attempts;
  };

  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const defaultApp = apps[0]!;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    deliveries,
    setWebhookUrl: (url) => {
      webhookUrl = url;
    },
    setDown: (value) => {
      down = value;
    },
    failNext: (code, times = 1) => {
      for (let i = 0; i < times; i += 1) failures.push(code);
    },
    closeWindow: (userId) => closedWindows.add(userId),
    expireAccessTokens: () => {
      for (const grant of accessTokens.values()) grant.expiresAt = 0;
    },
    refreshCount: () => refreshes,
    userEvent(eventName, userId, message, oaId = defaultApp.oaId) {
      const zaloApp = apps.find((a) => a.oaId === oaId)!;
      return {
        app_id: zaloApp.appId,
        user_id_by_app: userId.split('').reverse().join(''),
        event_name: eventName,
        timestamp: String(Date.now()),
        sender: { id: userId },
        recipient: { id: oaId },
        message: { msg_id: randomBytes(10).toString('hex'), ...message },
      };
    },
    followEvent(userId, oaId = defaultApp.oaId) {
      const zaloApp = apps.find((a) => a.oaId === oaId)!;
      return {
        oa_id: oaId,
        follower: { id: userId },
        user_id_by_app: id(),
        event_name: 'follow',
        source: 'oa_profile',
        app_id: zaloApp.appId,
        timestamp: String(Date.now()),
      };
    },
    emit,
    async emitForged(event) {
      const body = JSON.stringify(event);
      return (await postSigned(body, String(event.app_id), String(event.timestamp), 'not-the-secret', 0)).status ?? 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const BUTTON_TYPES = new Set(['oa.query.show', 'oa.query.hide', 'oa.open.url', 'oa.open.phone', 'oa.open.sms']);

/**
 * A `template_type: "button"` attachment's buttons as zalo-oa.md §1.5 describes them (a type of
 * the five, a title, a payload: text for the `oa.query.*` kinds), `undefined` for another kind of
 * attachment, `'invalid'` for a malformed one (Zalo answers -201).
 */
function buttonsOf(attachment: unknown): SentMessage['buttons'] | 'invalid' | undefined {
  if (!attachment || typeof attachment !== 'object') return undefined;
  const a = attachment as { type?: unknown; payload?: { template_type?: unknown; buttons?: unknown } };
  if (a.type !== 'template' || a.payload?.template_type !== 'button') return undefined;
  const buttons = a.payload.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 5) return 'invalid';
  for (const b of buttons as Array<{ type?: unknown; title?: unknown; payload?: unknown }>) {
    if (typeof b.type !== 'string' || !BUTTON_TYPES.has(b.type)) return 'invalid';
    if (typeof b.title !== 'string' || !b.title || b.title.length > 100) return 'invalid';
    if (b.type.startsWith('oa.query.') && (typeof b.payload !== 'string' || !b.payload)) return 'invalid';
  }
  return buttons as SentMessage['buttons'];
}
