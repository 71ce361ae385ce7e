import { type Request, Router } from 'express';
import {
  type MikroORM,
  OrgUnit,
  type UnitPublicFigures,
  findPublicAnswer,
  findPublicAnswerPage,
  findUnitPublicFigures,
} from '@caunoi/db';
import { type Language, localIsoDate } from '@caunoi/workflows';
import { type Html, html } from '../channels/portal/pages/html';
import type { Operator } from '../channels/portal/pages/layout';
import { cachedReference, sendPage } from '../channels/portal/pages/portal-pages.routes';
import { PORTAL_TEXTS, type PortalTexts } from '../channels/portal/pages/portal-texts';
import {
  type Option,
  REGISTER_TEXTS,
  type RegisterQuery,
  type RegisterTexts,
  registerEntryPage,
  registerFiguresPage,
  registerListPage,
  unitAtomFeed,
} from './register-pages';

export interface RegisterPagesDeps {
  orm: MikroORM;
  operator: Operator;
  /** The absolute address of the portal, for the feeds' links (PUBLIC_URL); else the request's own. */
  publicUrl: string | null;
}

const PAGE_SIZE = 20;
/** Pages beyond this are not offered: the search narrows instead (and no count ever scans the whole register). */
const COUNT_CAP = 1_000;
const FEED_SIZE = 50;
/** The figures cover the cases received in the last twelve months, and are recomputed every ten minutes. */
const FIGURES_DAYS = 365;
const FIGURES_TTL_MS = 600_000;
const NATIONAL = 'VPCP';

/**
 * The public register (`/cong-khai`): published answers, searchable by place, category, date and
 * words, one page each, an Atom feed per unit, and the units' public figures. Rendered on the
 * server (usable without JavaScript); every query reads the register's own table, which holds
 * nothing personal (db: public-register.repository).
 */
export function createRegisterPages(deps: RegisterPagesDeps): Router {
  const router = Router();
  const reference = choicesIn(deps.orm);
  const figures = cachedFigures(deps.orm);

  router.get('/cong-khai', async (req, res) => {
    const { t, r, lang } = texts(req);
    const query = readQuery(req);
    const errors: Record<string, string> = {};
    const from = localDay(query.from);
    const to = localDay(query.to);
    if (query.from && !from) errors.from = r.badDate;
    if (query.to && !to) errors.to = r.badDate;
    if (from && to && from > to) errors.to = r.badRange;
    const choices = await reference(lang, query.provinceCode);
    const em = deps.orm.em.fork();
    const results = Object.keys(errors).length
      ? { rows: [], total: 0, totalExact: true }
      : await findPublicAnswerPage(
          em,
          {
            ...(query.provinceCode ? { provinceCode: query.provinceCode } : {}),
            ...(query.communeCode && choices.communes.some((c) => c.code === query.communeCode)
              ? { communeCode: query.communeCode }
              : {}),
            ...(query.categoryCode ? { categoryCode: query.categoryCode } : {}),
            ...(from ? { from: new Date(`${from}T00:00:00+07:00`) } : {}),
            ...(to ? { to: new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000) } : {}),
            ...(query.q ? { q: query.q } : {}),
          },
          { offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE, countCap: COUNT_CAP },
        );
    const body = registerListPage(r, lang, query, choices, { ...results, pageSize: PAGE_SIZE }, errors);
    sendPage(res, Object.keys(errors).length ? 400 : 200, t, r.heading, req, body, deps.operator);
  });

  router.get('/cong-khai/so-lieu', async (req, res) => {
    const { t, r, lang } = texts(req);
    const choices = await reference(lang, undefined);
    const requested = String(req.query.donvi ?? NATIONAL);
    const code = choices.provinces.some((p) => p.code === requested) ? requested : NATIONAL;
    const { since, units } = await figures(code);
    const sinceText = since.split('-').reverse().join('/');
    // By name as people of the language sort names (the database's collation knows no Vietnamese).
    const collator = new Intl.Collator(lang === 'en' ? 'en' : 'vi');
    const byName = [...units].sort((a, b) =>
      collator.compare(lang === 'en' ? a.unitNameEn : a.unitNameVi, lang === 'en' ? b.unitNameEn : b.unitNameVi),
    );
    const body = registerFiguresPage(
      r,
      lang,
      { code, options: choices.provinces, nationalCode: NATIONAL },
      sinceText,
      byName,
    );
    sendPage(res, 200, t, r.figuresHeading, req, body, deps.operator);
  });

  router.get('/cong-khai/don-vi/:code/atom.xml', async (req, res, next) => {
    const { r } = texts(req);
    const em = deps.orm.em.fork();
    const unit = await em.findOne(OrgUnit, { code: String(req.params.code), validTo: null });
    if (!unit) return next();
    const page = await findPublicAnswerPage(
      em,
      { unitCode: unit.code },
      { offset: 0, limit: FEED_SIZE, countCap: FEED_SIZE },
    );
    res
      .type('application/atom+xml; charset=utf-8')
      .setHeader('Cache-Control', 'public, max-age=300')
      .send(unitAtomFeed(r, { code: unit.code, name: unit.nameVi }, page.rows, baseUrl(deps, req)));
  });

  router.get('/cong-khai/:id', async (req, res, next) => {
    const { t, r, lang } = texts(req);
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) return next();
    const row = await findPublicAnswer(deps.orm.em.fork(), id);
    if (!row) return sendPage(res, 404, t, r.notFound, req, notFoundBody(r, lang), deps.operator);
    sendPage(res, 200, t, row.title, req, registerEntryPage(r, lang, row), deps.operator);
  });

  return router;
}

/** A withdrawn entry leaves the register: its address says so, and leads back. */
function notFoundBody(r: RegisterTexts, lang: Language): Html {
  return html`<h1>${r.notFound}</h1><p><a href="/cong-khai?lang=${lang}">${r.back}</a></p>`;
}

function readQuery(req: Request): RegisterQuery {
  const text = (name: string, max: number) =>
    String(req.query[name] ?? '')
      .trim()
      .slice(0, max);
  const page = Number.parseInt(text('page', 6), 10);
  return {
    q: text('q', 200),
    provinceCode: text('provinceCode', 16),
    communeCode: text('communeCode', 16),
    categoryCode: text('categoryCode', 60),
    from: text('from', 10),
    to: text('to', 10),
    page: Number.isInteger(page) && page > 0 ? Math.min(page, Math.ceil(COUNT_CAP / PAGE_SIZE)) : 1,
  };
}

/** dd/mm/yyyy (as people in Viet Nam write it) or yyyy-mm-dd, as a real local day; null otherwise. */
export function localDay(text: string): string | null {
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? value : null;
}

function texts(req: Request): { t: PortalTexts; r: RegisterTexts; lang: Language } {
  const lang: Language = req.query.lang === 'en' ? 'en' : 'vi';
  return { t: PORTAL_TEXTS[lang] as PortalTexts, r: REGISTER_TEXTS[lang], lang };
}

function baseUrl(deps: RegisterPagesDeps, req: Request): string {
  return (deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/$/, '');
}

/** The portal's pickers (read every five minutes), as options in the page's language. */
function choicesIn(orm: MikroORM) {
  const reference = cachedReference(orm);
  return async (lang: Language, provinceCode: string | undefined) => {
    const { provinces, communes, categories } = await reference(provinceCode);
    const option = (u: { code: string; nameVi: string; nameEn: string }): Option => ({
      code: u.code,
      name: lang === 'en' ? u.nameEn : u.nameVi,
    });
    return { provinces: provinces.map(option), communes: communes.map(option), categories: categories.map(option) };
  };
}

/** The figures per area, computed at most every ten minutes (they cover a year: minutes do not change them). */
function cachedFigures(orm: MikroORM) {
  const cache = new Map<string, { at: number; value: Promise<{ since: string; units: UnitPublicFigures[] }> }>();
  return (code: string) => {
    const hit = cache.get(code);
    if (hit && Date.now() - hit.at < FIGURES_TTL_MS) return hit.value;
    const since = new Date(Date.now() - FIGURES_DAYS * 86_400_000);
    const sinceDay = localIsoDate(since);
    const value = findUnitPublicFigures(orm.em.fork(), code, new Date(`${sinceDay}T00:00:00+07:00`), sinceDay).then(
      (units) => ({ since: sinceDay, units }),
    );
    // A failed computation is not kept: the next reader tries again.
    value.catch(() => cache.delete(code));
    cache.set(code, { at: Date.now(), value });
    return value;
  };
}
