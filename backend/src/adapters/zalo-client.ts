import axios, { type AxiosInstance } from 'axios';
import { splitMessage } from '@caunoi/workflows';
import { ZaloApiError } from './zalo-errors';
import type { ZaloTokenStore } from './zalo-tokens';

/** Zalo's limit for a cs text message (zalo-oa.md §1.5). */
export const ZALO_TEXT_LIMIT = 2000;

export interface ZaloClient {
  /** Sends a cs text message, split at 2,000 characters; returns Zalo's message ids in order. */
  sendText(oaId: string, userId: string, text: string): Promise<string[]>;
  /**
   * Sends a cs text with buttons under it (zalo-oa.md §1.5, template_type `button`); each button
   * is `oa.query.show`: a tap sends its payload back as the user's own message. One message, so
   * the text must fit in 2,000 characters.
   */
  sendButtons(oaId: string, userId: string, text: string, buttons: ZaloButton[]): Promise<string>;
}

export interface ZaloButton {
  title: string;
  payload: string;
}

interface Envelope<T> {
  error: number;
  message: string;
  data?: T;
}

/**
 * Our thin client for the Zalo OA API (zalo-oa.md): the token goes in a header named
 * `access_token`; errors come back with HTTP 200 and a negative `error`, so every answer is
 * checked; on -216/-220 the token is refreshed and the call retried once. IDs stay strings.
 */
export function createZaloClient(
  apiBase: string,
  tokens: ZaloTokenStore,
  http: AxiosInstance = axios.create({ timeout: 10_000 }),
): ZaloClient {
  const base = apiBase.replace(/\/$/, '');

  const call = async <T>(oaId: string, request: (token: string) => Promise<Envelope<T>>): Promise<T> => {
    let token = await tokens.accessToken(oaId);
    let answer = await request(token);
    if (answer.error === -216 || answer.error === -220) {
      token = await tokens.refresh(oaId, token);
      answer = await request(token);
    }
    if (answer.error !== 0) throw new ZaloApiError(answer.error, answer.message);
    return answer.data as T;
  };

  const sendCs = async (oaId: string, userId: string, message: Record<string, unknown>): Promise<string> => {
    const data = await call<{ message_id: string }>(
      oaId,
      async (token) =>
        (
          await http.post(
            `${base}/v3.0/oa/message/cs`,
            { recipient: { user_id: userId }, message },
            {
              headers: { access_token: token, 'content-type': 'application/json' },
              transformResponse: keepIdsAsStrings,
            },
          )
        ).data as Envelope<{ message_id: string }>,
    );
    return String(data.message_id);
  };

  return {
    async sendText(oaId, userId, text) {
      const ids: string[] = [];
      for (const piece of splitMessage(text, ZALO_TEXT_LIMIT)) ids.push(await sendCs(oaId, userId, { text: piece }));
      return ids;
    },
    async sendButtons(oaId, userId, text, buttons) {
      return sendCs(oaId, userId, {
        text: text.slice(0, ZALO_TEXT_LIMIT),
        attachment: {
          type: 'template',
          payload: {
            template_type: 'button',
            buttons: buttons.map((b) => ({ type: 'oa.query.show', title: b.title, payload: b.payload })),
          },
        },
      });
    },
  };
}

/** Parses JSON with every long integer turned into a string first: Zalo ids exceed 2^53. */
export function keepIdsAsStrings(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (!raw) return null;
  return JSON.parse(raw.replace(/([:\[,]\s*)(-?\d{16,})(\s*[,\]}])/g, '$1"$2"$3'));
}
