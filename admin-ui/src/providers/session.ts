/** The officer's login, kept in localStorage so that a reload keeps them signed in until the token expires. */
export interface Officer {
  id: number;
  email: string;
  name: string;
  role: 'officer' | 'supervisor' | 'govOffice' | 'admin';
  unit: { code: string; name: string };
}

interface Session {
  token: string;
  expiresAt: string;
  officer: Officer;
}

const KEY = 'caunoi.session';

export const session = {
  get(): Session | null {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    if (new Date(parsed.expiresAt).getTime() < Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return parsed;
  },
  set(value: Session): void {
    localStorage.setItem(KEY, JSON.stringify(value));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
  token(): string | null {
    return session.get()?.token ?? null;
  },
};
