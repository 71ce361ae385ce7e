import { formatLocalDateTime } from '@caunoi/workflows';
import { type Html, html } from './html';
import type { PortalTexts } from './portal-texts';

export interface Choice {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface SubmitFormState {
  values: Record<string, string>;
  /** Messages by field name (`title`, `attachments`, …). */
  errors: Record<string, string>;
  token: string;
  categories: Choice[];
  provinces: Choice[];
  communes: Choice[];
}

const FIELD_ORDER = [
  'title',
  'body',
  'categoryCode',
  'provinceCode',
  'communeCode',
  'placeText',
  'attachments',
  'name',
  'email',
  'phone',
  'consent',
  'website',
  '(body)',
];

/**
 * The submission form, usable without JavaScript: errors are listed at the top (each a link to
 * its field) and repeated next to the field with aria-describedby; a small script only refreshes
 * the commune list when the province changes (without it, a button does the same by reloading).
 */
export function submitPage(t: PortalTexts, state: SubmitFormState): Html {
  const v = state.values;
  const e = state.errors;
  const name = (c: Choice) => (t.lang === 'en' ? c.nameEn : c.nameVi);
  const describedBy = (field: string, hint: boolean) =>
    [hint ? `${field}-hint` : '', e[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorOf = (field: string) => (e[field] ? html`<p class="error" id="${field}-error">${e[field]}</p>` : '');
  const errorEntries = Object.entries(e).sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
  const text = (
    field: string,
    label: string,
    opts: { type?: string; hint?: string; required?: boolean; autocomplete?: string } = {},
  ) => html`
<div class="field${e[field] ? ' invalid' : ''}">
  <label for="${field}">${label} <span class="hint">(${opts.required ? t.required : t.optional})</span></label>
  ${opts.hint ? html`<p class="hint" id="${field}-hint">${opts.hint}</p>` : ''}
  ${errorOf(field)}
  <input type="${opts.type ?? 'text'}" id="${field}" name="${field}" value="${v[field] ?? ''}" ${opts.required ? html`required aria-required="true"` : ''} ${opts.autocomplete ? html`autocomplete="${opts.autocomplete}"` : ''} ${e[field] ? html`aria-invalid="true"` : ''} aria-describedby="${describedBy(field, !!opts.hint) ?? ''}">
</div>`;

  return html`
<h1>${t.submitHeading}</h1>
<p>${t.tagline}</p>
${errorEntries.length ? html`<div class="summary" role="alert" tabindex="-1" id="error-summary"><h2>${t.errorSummary}</h2><ul>${errorEntries.map(([field, message]) => html`<li><a href="#${field === '(body)' ? 'title' : field}">${message}</a></li>`)}</ul></div>` : ''}
<form method="post" action="/submit?lang=${t.lang}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="language" value="${t.lang}">
<input type="hidden" name="submissionToken" value="${state.token}">
${text('title', t.title, { hint: t.titleHint, required: true })}
<div id="similar" class="panel" hidden aria-live="polite" data-heading="${t.similarHeading}" data-supporters="${t.similarSupporters}" data-support="${t.similarSupport}" data-supported="${t.similarSupported}" data-following="${t.similarFollowing}" data-support-error="${t.similarSupportError}" data-lang="${t.lang}" data-statuses="${JSON.stringify(t.statuses)}"></div>
<div class="field${e.body ? ' invalid' : ''}">
  <label for="body">${t.body} <span class="hint">(${t.required})</span></label>
  <p class="hint" id="body-hint">${t.bodyHint}</p>
  ${errorOf('body')}
  <textarea id="body" name="body" required aria-required="true" ${e.body ? html`aria-invalid="true"` : ''} aria-describedby="${describedBy('body', true) ?? ''}">${v.body ?? ''}</textarea>
</div>
<div class="field${e.categoryCode ? ' invalid' : ''}">
  <label for="categoryCode">${t.category} <span class="hint">(${t.optional})</span></label>
  ${errorOf('categoryCode')}
  <select id="categoryCode" name="categoryCode"><option value="">${t.categoryNone}</option>${state.categories.map((c) => html`<option value="${c.code}" ${v.categoryCode === c.code ? html`selected` : ''}>${name(c)}</option>`)}</select>
</div>
<fieldset><legend>${t.province} / ${t.commune}</legend>
<div class="field">
  <label for="provinceCode">${t.province} <span class="hint">(${t.optional})</span></label>
  <select id="provinceCode" name="provinceCode" data-communes="commune"><option value="">${t.provinceNone}</option>${state.provinces.map((c) => html`<option value="${c.code}" ${v.provinceCode === c.code ? html`selected` : ''}>${name(c)}</option>`)}</select>
  <noscript><button class="secondary" type="submit" formaction="/?lang=${t.lang}" formmethod="get" formenctype="application/x-www-form-urlencoded" formnovalidate name="refresh" value="1">${t.chooseProvince}</button></noscript>
</div>
<div class="field${e.communeCode ? ' invalid' : ''}">
  <label for="communeCode">${t.commune} <span class="hint">(${t.optional})</span></label>
  ${errorOf('communeCode')}
  <select id="communeCode" name="communeCode"><option value="">${t.communeNone}</option>${state.communes.map((c) => html`<option value="${c.code}" ${v.communeCode === c.code ? html`selected` : ''}>${name(c)}</option>`)}</select>
</div>
${text('placeText', t.placeText, { hint: t.placeHint, autocomplete: 'street-address' })}
</fieldset>
<div class="field${e.attachments ? ' invalid' : ''}">
  <label for="attachments">${t.attachments} <span class="hint">(${t.optional})</span></label>
  <p class="hint" id="attachments-hint">${t.attachmentsHint}</p>
  ${errorOf('attachments')}
  <input type="file" id="attachments" name="attachments" multiple accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.mp4,.txt" aria-describedby="${describedBy('attachments', true) ?? ''}">
</div>
<fieldset><legend>${t.contactLegend}</legend>
<p class="hint">${t.contactHint}</p>
${text('name', t.name, { autocomplete: 'name' })}
${text('email', t.email, { type: 'email', autocomplete: 'email' })}
${text('phone', t.phone, { type: 'tel', hint: t.phoneHint, autocomplete: 'tel' })}
<div class="field"><label class="check"><input type="checkbox" name="anonymous" value="true" ${v.anonymous ? html`checked` : ''}> ${t.anonymous}</label></div>
<div class="field"><label class="check"><input type="checkbox" name="publish" value="true" aria-describedby="publish-hint" ${v.publish ? html`checked` : ''}> ${t.publish}</label><p class="hint" id="publish-hint">${t.publishHint}</p></div>
<div class="field${e.consent ? ' invalid' : ''}">${errorOf('consent')}<label class="check" for="consent"><input type="checkbox" id="consent" name="consent" value="true" ${v.consent ? html`checked` : ''} ${e.consent ? html`aria-invalid="true" aria-describedby="consent-error"` : ''}> ${t.consent}</label></div>
</fieldset>
<div class="hp" aria-hidden="true"><label for="website">${t.honeypot}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t.send}</button>
</form>
<script src="/portal.js" defer></script>`;
}

export function receivedPage(
  t: PortalTexts,
  trackingCode: string,
  accessKey: string,
  expectedAnswerAt: Date | null,
): Html {
  return html`
<div class="panel" role="status"><h1>${t.receivedHeading}</h1>
<p>${t.receivedLead}</p>
<dl class="facts"><dt>${t.trackingCode}</dt><dd class="code">${trackingCode}</dd><dt>${t.accessKey}</dt><dd class="code">${accessKey}</dd>
${expectedAnswerAt ? html`<dt>${t.expectedAnswer}</dt><dd>${formatLocalDateTime(expectedAnswerAt, t.lang)}</dd>` : ''}</dl></div>
<p><a href="/track?lang=${t.lang}&code=${encodeURIComponent(trackingCode)}&key=${encodeURIComponent(accessKey)}">${t.openStatus}</a></p>`;
}

export function savedLaterPage(t: PortalTexts): Html {
  return html`<div class="panel" role="status"><h1>${t.receivedHeading}</h1><p>${t.savedLater}</p></div>`;
}

/**
 * The form's one script, served as a file (the pages' Content-Security-Policy allows no inline
 * script): choosing a province fills the commune list. Without JavaScript the form still works;
 * the commune list then comes from the server when the page is sent with a province.
 */
export const PORTAL_SCRIPT = `(function(){var box=document.getElementById('similar'),ti=document.getElementById('title'),pc=document.getElementById('provinceCode'),cc=document.getElementById('communeCode');
if(box&&ti&&window.fetch){var timer=null,statuses=JSON.parse(box.getAttribute('data-statuses')||'{}');
var look=function(){var title=ti.value.trim(),commune=cc&&cc.value,province=pc&&pc.value;if(title.length<5||!(commune||province)){box.hidden=true;return}
var q=new URLSearchParams({title:title});if(commune)q.set('communeCode',commune);else q.set('provinceCode',province);
fetch('/api/public/similar?'+q).then(function(r){return r.ok?r.json():[]}).then(function(list){box.innerHTML='';if(!list.length){box.hidden=true;return}
var h=document.createElement('p');h.textContent=box.getAttribute('data-heading');box.appendChild(h);var ul=document.createElement('ul');
list.forEach(function(c){var li=document.createElement('li');li.textContent=c.trackingCode+' — '+c.title+' ('+(statuses[c.status]||c.status)+(c.supportCount?', '+c.supportCount+' '+box.getAttribute('data-supporters'):'')+') ';
var b=document.createElement('button');b.type='button';b.className='secondary';b.textContent=box.getAttribute('data-support');b.addEventListener('click',function(){var em=document.getElementById('email'),ok=document.getElementById('consent');
fetch('/api/public/cases/'+encodeURIComponent(c.trackingCode)+'/supporters',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({email:em?em.value:'',consent:!!(ok&&ok.checked),language:box.getAttribute('data-lang')})}).then(function(r){return r.json().then(function(j){return {ok:r.ok,j:j}})}).then(function(x){var p=document.createElement('span');p.setAttribute('role','status');
p.textContent=x.ok?box.getAttribute('data-supported')+(x.j.following?' '+box.getAttribute('data-following'):''):box.getAttribute('data-support-error');if(x.ok)b.remove();li.appendChild(p)})});li.appendChild(b);ul.appendChild(li)});
box.appendChild(ul);box.hidden=false})};
var later=function(){clearTimeout(timer);timer=setTimeout(look,400)};ti.addEventListener('input',later);if(cc)cc.addEventListener('change',later);if(pc)pc.addEventListener('change',later)}})();
(function(){var p=document.getElementById('provinceCode'),c=document.getElementById('communeCode');if(!p||!c||!window.fetch)return;
var en=document.documentElement.lang==='en';
p.addEventListener('change',function(){var first=c.options[0];c.innerHTML='';c.appendChild(first);if(!p.value)return;
fetch('/api/public/provinces/'+encodeURIComponent(p.value)+'/communes').then(function(r){return r.json()}).then(function(list){list.forEach(function(u){var o=document.createElement('option');o.value=u.code;o.textContent=en?u.nameEn:u.nameVi;c.appendChild(o)})})});
var s=document.getElementById('error-summary');if(s)s.focus();})();
`;
