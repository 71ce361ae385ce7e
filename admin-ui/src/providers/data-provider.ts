import type {
  TCaseListItem,
  TConcern,
  TPublication,
  TPublishRequest,
  TSimilarCase,
  TSurgeRule,
  TUploadedAttachment,
} from '@caunoi/contract';
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { httpClient } from './http';

/** The resources in the ra-data-simple-rest dialect the backend speaks, plus the case actions. */
const base = simpleRestProvider('/api', httpClient);
const QUEUES = new Set(['inbound', 'outbox', 'api-clients']);
export const REFERENCE_RESOURCES = [
  'org-units',
  'categories',
  'sla-rules',
  'calendar-days',
  'users',
  'zalo-oas',
] as const;
const prefix = (resource: string) =>
  QUEUES.has(resource)
    ? `admin/${resource}`
    : (REFERENCE_RESOURCES as readonly string[]).includes(resource)
      ? `admin/reference/${resource}`
      : resource;

export interface CaseDataProvider extends DataProvider {
  transition(id: number, body: Record<string, unknown>): Promise<{ data: Record<string, unknown> }>;
  retry(resource: 'inbound' | 'outbox', id: number): Promise<{ data: Record<string, unknown> }>;
  unlockUser(id: number): Promise<{ data: Record<string, unknown> }>;
  /** An agency key's rotation (the new key, shown once) or revocation. */
  apiClientAction(id: number, action: 'rotate' | 'revoke'): Promise<{ data: Record<string, unknown> }>;
  report(query: Record<string, string>): Promise<{ data: unknown }>;
  /** The emerging concerns, the cases behind one, and naming one (the Government Office). */
  concerns(): Promise<{ data: TConcern[] }>;
  concernCases(id: number): Promise<{ data: TCaseListItem[] }>;
  updateConcern(id: number, body: { label: string | null; leadUnitCode: string | null }): Promise<{ data: TConcern }>;
  /** When a concern surges (the live alert and the digest). */
  surgeRule(): Promise<{ data: TSurgeRule }>;
  saveSurgeRule(rule: TSurgeRule): Promise<{ data: TSurgeRule }>;
  /** Likely duplicates of a case, ranked, with why. */
  similar(id: number): Promise<{ data: TSimilarCase[] }>;
  dashboard(query: Record<string, string>): Promise<{ data: unknown }>;
  /** Files for an answer, uploaded before it is sent (the answer names their ids). */
  uploadFiles(id: number, files: File[]): Promise<{ data: TUploadedAttachment[] }>;
  /** A case's publication in the public register: the masked proposal, publishing it, withdrawing it. */
  publication(id: number): Promise<{ data: TPublication }>;
  publish(id: number, body: TPublishRequest): Promise<{ data: TPublication }>;
  withdrawPublication(id: number, body: { version: number; reason: string }): Promise<{ data: TPublication }>;
}

export const dataProvider: CaseDataProvider = {
  ...base,
  async getList(resource, params) {
    if (resource !== 'cases') return base.getList(prefix(resource), params);
    // The case list counts its matches only up to a cap: `X-Total-Exact: false` says the total is "more than".
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
    const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
    const query = new URLSearchParams({
      sort: JSON.stringify([field, order]),
      range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
      filter: JSON.stringify(params.filter ?? {}),
    });
    const { headers, json } = await httpClient(`/api/cases?${query}`, { signal: params.signal });
    const total = Number((headers.get('content-range') ?? '').split('/').pop());
    return { data: json, total, meta: { totalExact: headers.get('x-total-exact') !== 'false' } };
  },
  getOne: (resource, params) => base.getOne(prefix(resource), params),
  getMany: (resource, params) => base.getMany(prefix(resource), params),
  update: (resource, params) => base.update(prefix(resource), params),
  create: (resource, params) => base.create(prefix(resource), params),
  async transition(id, body) {
    // The screen reloads the case after a transition: only its new state is asked for.
    const { json } = await httpClient(`/api/cases/${id}/transitions`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: new Headers({ Prefer: 'return=minimal' }),
    });
    return { data: json as Record<string, unknown> };
  },
  async concerns() {
    const { json } = await httpClient('/api/reports/concerns');
    return { data: json as TConcern[] };
  },
  async concernCases(id) {
    const { json } = await httpClient(`/api/reports/concerns/${id}/cases`);
    return { data: json as TCaseListItem[] };
  },
  async updateConcern(id, body) {
    const { json } = await httpClient(`/api/reports/concerns/${id}`, { method: 'PUT', body: JSON.stringify(body) });
    return { data: json as TConcern };
  },
  async surgeRule() {
    const { json } = await httpClient('/api/reports/concerns/surge-rule');
    return { data: json as TSurgeRule };
  },
  async saveSurgeRule(rule) {
    const { json } = await httpClient('/api/reports/concerns/surge-rule', {
      method: 'PUT',
      body: JSON.stringify(rule),
    });
    return { data: json as TSurgeRule };
  },
  async uploadFiles(id, files) {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const { json } = await httpClient(`/api/cases/${id}/attachments`, { method: 'POST', body: form });
    return { data: json as TUploadedAttachment[] };
  },
  async publication(id) {
    const { json } = await httpClient(`/api/cases/${id}/publication`);
    return { data: json as TPublication };
  },
  async publish(id, body) {
    const { json } = await httpClient(`/api/cases/${id}/publication`, { method: 'PUT', body: JSON.stringify(body) });
    return { data: json as TPublication };
  },
  async withdrawPublication(id, body) {
    const { json } = await httpClient(`/api/cases/${id}/publication`, {
      method: 'DELETE',
      body: JSON.stringify(body),
    });
    return { data: json as TPublication };
  },
  async similar(id) {
    const { json } = await httpClient(`/api/cases/${id}/similar`);
    return { data: json as TSimilarCase[] };
  },
  async retry(resource, id) {
    const { json } = await httpClient(`/api/admin/${resource}/${id}/retry`, { method: 'POST' });
    return { data: json as Record<string, unknown> };
  },
  async apiClientAction(id, action) {
    const { json } = await httpClient(`/api/admin/api-clients/${id}/${action}`, {
      method: 'POST',
      body: JSON.stringify(action === 'rotate' ? { graceHours: 24 } : {}),
    });
    return { data: json as Record<string, unknown> };
  },
  async unlockUser(id) {
    const { json } = await httpClient(`/api/admin/reference/users/${id}/unlock`, { method: 'POST' });
    return { data: json as Record<string, unknown> };
  },
  async report(query) {
    const { json } = await httpClient(`/api/reports/escalations?${new URLSearchParams(query)}`);
    return { data: json };
  },
  async dashboard(query) {
    const { json } = await httpClient(`/api/reports/dashboard?${new URLSearchParams(query)}`);
    return { data: json };
  },
};
