import type { AuthProvider } from 'react-admin';
import { type Officer, session } from './session';

/** Logs in against `/api/auth/login` (the login form's "username" is the officer's email). */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: username, password }),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(res.status === 401 ? 'caunoi.auth.wrong' : (body?.error?.message ?? `HTTP ${res.status}`));
    }
    session.set((await res.json()) as { token: string; expiresAt: string; officer: Officer });
  },
  async logout() {
    session.clear();
  },
  async checkAuth() {
    if (!session.get()) throw new Error('caunoi.auth.expired');
  },
  async checkError(error: { status?: number }) {
    if (error.status === 401) {
      session.clear();
      throw new Error('caunoi.auth.expired');
    }
  },
  async getIdentity() {
    const officer = session.get()?.officer;
    if (!officer) throw new Error('caunoi.auth.expired');
    return { id: officer.id, fullName: `${officer.name} · ${officer.unit.name}`, officer };
  },
  async getPermissions() {
    return session.get()?.officer.role ?? null;
  },
};

export function currentOfficer(): Officer | null {
  return session.get()?.officer ?? null;
}
