import type { PublicAnswerRow, UnitPublicFigures } from '@caunoi/db';
import { type Language, formatLocalDateTime } from '@caunoi/workflows';
import { type Html, esc, html } from '../channels/portal/pages/html';

/** Every word of the public register, in Vietnamese (default) and English. */
export const REGISTER_TEXTS = {
  vi: {
    heading: 'Công khai kết quả trả lời phản ánh, kiến nghị',
    lead: 'Câu hỏi và kết quả trả lời đã được đơn vị công khai, với sự đồng ý của người gửi hoặc vì lợi ích chung. Thông tin cá nhân đã được che.',
    search: 'Từ khóa',
    province: 'Tỉnh, thành phố',
    commune: 'Xã, phường, đặc khu',
    any: 'Tất cả',
    category: 'Lĩnh vực',
    from: 'Đăng từ ngày',
    to: 'Đến ngày',
    dateHint: 'Ngày/tháng/năm, ví dụ 01/12/2026',
    filter: 'Tìm',
    updateCommunes: 'Cập nhật danh sách xã, phường',
    results: (n: number, exact: boolean) => (exact ? `${n} kết quả` : `Hơn ${n.toLocaleString('vi-VN')} kết quả`),
    none: 'Không có kết quả trả lời nào khớp với điều kiện tìm.',
    question: 'Câu hỏi',
    answer: 'Trả lời',
    unit: 'Đơn vị trả lời',
    place: 'Địa bàn',
    received: 'Ngày tiếp nhận',
    answered: 'Ngày trả lời',
    took: (days: number) => `${days} ngày làm việc`,
    tookLabel: 'Thời gian giải quyết',
    onTime: 'Đúng hạn',
    late: 'Quá hạn',
    basisConsent: 'Công khai theo đồng ý của người gửi',
    basisPublicInterest: 'Công khai vì lợi ích chung (đã lược bỏ thông tin người gửi)',
    pages: 'Các trang kết quả',
    previous: 'Trang trước',
    next: 'Trang sau',
    page: 'Trang',
    feed: 'Nhận tin mới (Atom) của đơn vị này',
    feedOf: 'Kết quả trả lời công khai của',
    figuresLink: 'Số liệu tiếp nhận và giải quyết của các đơn vị',
    back: 'Về danh sách công khai',
    notFound: 'Không có kết quả công khai này (có thể đã được gỡ).',
    figuresHeading: 'Số liệu tiếp nhận và giải quyết',
    figuresLead: (since: string) =>
      `Hồ sơ tiếp nhận từ ${since} đến nay. Các đơn vị xếp theo tên, không xếp hạng: số liệu cần được đọc cùng số lượng hồ sơ, địa bàn và tính chất vụ việc của từng nơi.`,
    area: 'Địa bàn',
    national: 'Toàn quốc (các bộ, ngành và tỉnh, thành phố)',
    show: 'Xem',
    unitColumn: 'Đơn vị',
    receivedColumn: 'Tiếp nhận',
    answeredColumn: 'Đã trả lời',
    onTimeColumn: 'Trả lời đúng hạn',
    averageColumn: 'Thời gian trung bình',
    satisfactionColumn: 'Hài lòng (điểm 1–5)',
    days: (d: number) => `${d.toLocaleString('vi-VN')} ngày`,
    tooFew: 'chưa đủ số liệu',
    tooFewNote: (n: number) => `Tỷ lệ và trung bình chỉ hiện khi có từ ${n} hồ sơ trở lên.`,
    ratedBy: (n: number) => `${n} đánh giá`,
    badDate: 'Ngày chưa đúng: ghi ngày/tháng/năm, ví dụ 01/12/2026.',
    badRange: 'Ngày bắt đầu phải trước ngày kết thúc.',
  },
  en: {
    heading: 'Published answers to feedback and petitions',
    lead: 'Questions and answers the units published, with the sender’s consent or in the public interest. Personal data is masked.',
    search: 'Words',
    province: 'Province or city',
    commune: 'Commune or ward',
    any: 'All',
    category: 'Area',
    from: 'Published from',
    to: 'Until',
    dateHint: 'Day/month/year, e.g. 01/12/2026',
    filter: 'Search',
    updateCommunes: 'Update the list of communes',
    results: (n: number, exact: boolean) => (exact ? `${n} results` : `More than ${n.toLocaleString('en-GB')} results`),
    none: 'No published answer matches.',
    question: 'Question',
    answer: 'Answer',
    unit: 'Answered by',
    place: 'Place',
    received: 'Received',
    answered: 'Answered',
    took: (days: number) => `${days} working days`,
    tookLabel: 'Time taken',
    onTime: 'On time',
    late: 'Late',
    basisConsent: 'Published with the sender’s consent',
    basisPublicInterest: 'Published in the public interest (the sender’s data removed)',
    pages: 'Result pages',
    previous: 'Previous page',
    next: 'Next page',
    page: 'Page',
    feed: 'Follow this unit’s new answers (Atom)',
    feedOf: 'Published answers of',
    figuresLink: 'How the units receive and answer',
    back: 'Back to the published answers',
    notFound: 'This published answer does not exist (it may have been withdrawn).',
    figuresHeading: 'Cases received and answered',
    figuresLead: (since: string) =>
      `Cases received since ${since}. Units are listed by name, not ranked: read each figure with the number of cases, the place and the kind of matters it handles.`,
    area: 'Area',
    national: 'The whole country (ministries, agencies, provinces)',
    show: 'Show',
    unitColumn: 'Unit',
    receivedColumn: 'Received',
    answeredColumn: 'Answered',
    onTimeColumn: 'Answered on time',
    averageColumn: 'Average time',
    satisfactionColumn: 'Satisfaction (1–5)',
    days: (d: number) => `${d.toLocaleString('en-GB')} days`,
    tooFew: 'too few to say',
    tooFewNote: (n: number) => `Rates and averages are shown from ${n} cases on.`,
    ratedBy: (n: number) => `${n} ratings`,
    badDate: 'Not a date: write day/month/year, e.g. 01/12/2026.',
    badRange: 'The first day must come before the last.',
  },
} as const;
export type RegisterTexts = (typeof REGISTER_TEXTS)[Language];

/** Below this many cases a rate or an average says more about chance than about the unit. */
export const MIN_CASES_FOR_RATES = 10;

export interface Option {
  code: string;
  name: string;
}

export interface RegisterQuery {
  q: string;
  provinceCode: string;
  communeCode: string;
  categoryCode: string;
  from: string;
  to: string;
  page: number;
}

const name = (lang: Language, vi: string | null, en: string | null) => (lang === 'en' ? (en ?? vi) : vi) ?? '';
const day = (d: Date, lang: Language) => formatLocalDateTime(d, lang).split(/[ ,]/)[0];

/** The register's list: filters (a plain GET form: no JavaScript needed), the results, the pages. */
export function registerListPage(
  r: RegisterTexts,
  lang: Language,
  query: RegisterQuery,
  choices: { provinces: Option[]; communes: Option[]; categories: Option[] },
  results: { rows: PublicAnswerRow[]; total: number; totalExact: boolean; pageSize: number },
  errors: Record<string, string>,
): Html {
  const select = (id: string, label: string, options: Option[], value: string) => html`
<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${id}">
<option value="">${r.any}</option>${options.map((o) => html`<option value="${o.code}" ${o.code === value ? html`selected` : ''}>${o.name}</option>`)}
</select></div>`;
  const dateField = (id: 'from' | 'to', label: string) => html`
<div class="field${errors[id] ? ' invalid' : ''}"><label for="${id}">${label}</label><p class="hint" id="${id}-hint">${r.dateHint}</p>
${errors[id] ? html`<p class="error" id="${id}-error">${errors[id]}</p>` : ''}
<input type="text" id="${id}" name="${id}" value="${query[id]}" inputmode="numeric" autocomplete="off" placeholder="01/12/2026" aria-describedby="${id}-hint${errors[id] ? ` ${id}-error` : ''}" ${errors[id] ? html`aria-invalid="true"` : ''}></div>`;
  const pages = Math.max(1, Math.ceil(results.total / results.pageSize));
  const link = (page: number) => `/cong-khai?${searchParams({ ...query, page }, lang)}`;
  const feedUnit = query.communeCode || query.provinceCode;
  return html`
<h1>${r.heading}</h1>
<p>${r.lead}</p>
<p><a href="/cong-khai/so-lieu?lang=${lang}">${r.figuresLink}</a></p>
<form method="get" action="/cong-khai" role="search">
<input type="hidden" name="lang" value="${lang}">
<div class="field"><label for="q">${r.search}</label><input type="text" id="q" name="q" value="${query.q}"></div>
${select('provinceCode', r.province, choices.provinces, query.provinceCode)}
${choices.communes.length ? select('communeCode', r.commune, choices.communes, query.communeCode) : ''}
${select('categoryCode', r.category, choices.categories, query.categoryCode)}
${dateField('from', r.from)}
${dateField('to', r.to)}
<button type="submit">${r.filter}</button>
</form>
<h2 aria-live="polite">${r.results(results.total, results.totalExact)}</h2>
${feedUnit ? html`<p><a href="/cong-khai/don-vi/${feedUnit}/atom.xml" type="application/atom+xml">${r.feed}</a></p>` : ''}
${results.rows.length ? html`<ol class="thread">${results.rows.map((row) => entrySummary(r, lang, row))}</ol>` : html`<p>${r.none}</p>`}
${
  pages > 1
    ? html`<nav aria-label="${r.pages}"><p>
${query.page > 1 ? html`<a href="${link(query.page - 1)}" rel="prev">${r.previous}</a> ` : ''}
<span aria-current="page">${r.page} ${query.page} / ${pages}</span>
${query.page < pages ? html` <a href="${link(query.page + 1)}" rel="next">${r.next}</a>` : ''}</p></nav>`
    : ''
}`;
}

function entrySummary(r: RegisterTexts, lang: Language, row: PublicAnswerRow): Html {
  return html`<li class="outbound"><h3><a href="/cong-khai/${row.id}?lang=${lang}">${row.title}</a></h3>
<div class="meta">${name(lang, row.unitNameVi, row.unitNameEn)} · ${r.answered} ${day(row.answeredAt, lang)} · ${r.took(row.workingDays)}${row.categoryNameVi ? ` · ${name(lang, row.categoryNameVi, row.categoryNameEn)}` : ''}</div>
${excerpt(row.answer)}</li>`;
}

const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 279)}…` : text);

/** One published answer: the question, the answer, who answered, where, and how long it took. */
export function registerEntryPage(r: RegisterTexts, lang: Language, row: PublicAnswerRow): Html {
  const place = [name(lang, row.communeNameVi, row.communeNameEn), name(lang, row.provinceNameVi, row.provinceNameEn)]
    .filter(Boolean)
    .join(', ');
  return html`
<p><a href="/cong-khai?lang=${lang}">${r.back}</a></p>
<h1>${row.title}</h1>
<dl class="facts">
<dt>${r.unit}</dt><dd>${name(lang, row.unitNameVi, row.unitNameEn)}</dd>
${place ? html`<dt>${r.place}</dt><dd>${place}</dd>` : ''}
${row.categoryNameVi ? html`<dt>${r.category}</dt><dd>${name(lang, row.categoryNameVi, row.categoryNameEn)}</dd>` : ''}
<dt>${r.received}</dt><dd>${day(row.receivedAt, lang)}</dd>
<dt>${r.answered}</dt><dd>${day(row.answeredAt, lang)}</dd>
<dt>${r.tookLabel}</dt><dd>${r.took(row.workingDays)}${row.onTime === null ? '' : ` (${row.onTime ? r.onTime : r.late})`}</dd>
</dl>
<h2>${r.question}</h2>
<p class="prose">${row.question}</p>
<h2>${r.answer}</h2>
<p class="prose">${row.answer}</p>
<p class="meta">${row.basis === 'consent' ? r.basisConsent : r.basisPublicInterest} · ${day(row.publishedAt, lang)}</p>
<p><a href="/cong-khai/don-vi/${row.unitCode}/atom.xml" type="application/atom+xml">${r.feed}</a></p>`;
}

/** The per-unit public figures: with their volume beside every rate, by name, never ranked. */
export function registerFiguresPage(
  r: RegisterTexts,
  lang: Language,
  area: { code: string; options: Option[]; nationalCode: string },
  since: string,
  units: UnitPublicFigures[],
): Html {
  const rate = (part: number, whole: number) =>
    whole >= MIN_CASES_FOR_RATES ? `${Math.round((part / whole) * 100)} % (${part}/${whole})` : r.tooFew;
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  return html`
<h1>${r.figuresHeading}</h1>
<p>${r.figuresLead(since)}</p>
<form method="get" action="/cong-khai/so-lieu">
<input type="hidden" name="lang" value="${lang}">
<div class="field"><label for="donvi">${r.area}</label><select id="donvi" name="donvi">
<option value="${area.nationalCode}">${r.national}</option>
${area.options.map((o) => html`<option value="${o.code}" ${o.code === area.code ? html`selected` : ''}>${o.name}</option>`)}
</select></div>
<button type="submit">${r.show}</button>
</form>
<div class="scroll" tabindex="0" role="region" aria-label="${r.figuresHeading}">
<table>
<caption>${r.tooFewNote(MIN_CASES_FOR_RATES)}</caption>
<thead><tr><th scope="col">${r.unitColumn}</th><th scope="col">${r.receivedColumn}</th><th scope="col">${r.answeredColumn}</th><th scope="col">${r.onTimeColumn}</th><th scope="col">${r.averageColumn}</th><th scope="col">${r.satisfactionColumn}</th></tr></thead>
<tbody>${units.map(
    (u) => html`<tr><th scope="row">${name(lang, u.unitNameVi, u.unitNameEn)}</th>
<td>${u.received.toLocaleString(locale)}</td><td>${u.answered.toLocaleString(locale)}</td>
<td>${rate(u.answeredOnTime, u.answeredWithDeadline)}</td>
<td>${u.timed >= MIN_CASES_FOR_RATES && u.averageDays !== null ? r.days(u.averageDays) : r.tooFew}</td>
<td>${u.rated >= MIN_CASES_FOR_RATES ? `${(u.satisfactionSum / u.rated).toFixed(1)} (${r.ratedBy(u.rated)})` : r.tooFew}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** A unit's published answers as an Atom feed (RFC 4287), newest first. */
export function unitAtomFeed(
  r: RegisterTexts,
  unit: { code: string; name: string },
  rows: PublicAnswerRow[],
  baseUrl: string,
): string {
  const updated = rows[0]?.publishedAt ?? new Date(0);
  const entry = (row: PublicAnswerRow) => `<entry>
<id>${esc(`${baseUrl}/cong-khai/${row.id}`)}</id>
<title>${esc(row.title)}</title>
<link rel="alternate" type="text/html" href="${esc(`${baseUrl}/cong-khai/${row.id}`)}"/>
<published>${new Date(row.publishedAt).toISOString()}</published>
<updated>${new Date(row.publishedAt).toISOString()}</updated>
<author><name>${esc(row.unitNameVi)}</name></author>
<content type="text">${esc(`${r.question}: ${row.question}\n\n${r.answer}: ${row.answer}`)}</content>
</entry>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<id>${esc(`${baseUrl}/cong-khai/don-vi/${unit.code}/atom.xml`)}</id>
<title>${esc(`${r.feedOf} ${unit.name}`)}</title>
<link rel="self" type="application/atom+xml" href="${esc(`${baseUrl}/cong-khai/don-vi/${unit.code}/atom.xml`)}"/>
<link rel="alternate" type="text/html" href="${esc(`${baseUrl}/cong-khai`)}"/>
<updated>${new Date(updated).toISOString()}</updated>
${rows.map(entry).join('\n')}
</feed>
`;
}

export function searchParams(query: RegisterQuery, lang: Language): string {
  const params = new URLSearchParams({ lang });
  for (const key of ['q', 'provinceCode', 'communeCode', 'categoryCode', 'from', 'to'] as const)
    if (query[key]) params.set(key, query[key]);
  if (query.page > 1) params.set('page', String(query.page));
  return params.toString();
}
