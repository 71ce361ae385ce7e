import { FINAL_CASE_STATUSES, formatLocalDateTime } from '@caunoi/workflows';
import type { PublicCaseDto } from '../public-case';
import { type Html, html } from './html';
import type { PortalTexts } from './portal-texts';

const when = (t: PortalTexts, iso: string | null) => (iso ? formatLocalDateTime(iso, t.lang) : '—');

export function trackFormPage(t: PortalTexts, values: { code: string; key: string }, error: string | null): Html {
  return html`
<h1>${t.trackHeading}</h1>
<p>${t.trackLead}</p>
${error ? html`<div class="summary" role="alert"><p class="error">${error}</p></div>` : ''}
<form method="get" action="/track">
<input type="hidden" name="lang" value="${t.lang}">
<div class="field"><label for="code">${t.trackingCode}</label><input type="text" id="code" name="code" value="${values.code}" required autocomplete="off" placeholder="CN.20261122.00042"></div>
<div class="field"><label for="key">${t.accessKey}</label><input type="text" id="key" name="key" value="${values.key}" required autocomplete="off"></div>
<button type="submit">${t.lookUp}</button>
</form>`;
}

/** The status page: facts, the conversation, the history, and the forms the citizen may use now. */
export function casePage(t: PortalTexts, c: PublicCaseDto, key: string, errors: Record<string, string>): Html {
  const unit = t.lang === 'en' ? c.handlingUnit.nameEn : c.handlingUnit.nameVi;
  const hidden = html`<input type="hidden" name="key" value="${key}"><input type="hidden" name="code" value="${c.trackingCode}">`;
  const action = `/track/reply?lang=${t.lang}`;
  const errorFor = (field: string) =>
    errors[field] ? html`<p class="error" id="${field}-error">${errors[field]}</p>` : '';
  return html`
<h1>${c.title}</h1>
${Object.keys(errors).length ? html`<div class="summary" role="alert"><h2>${t.errorSummary}</h2><ul>${Object.values(errors).map((m) => html`<li>${m}</li>`)}</ul></div>` : ''}
<dl class="facts">
<dt>${t.trackingCode}</dt><dd class="code">${c.trackingCode}</dd>
<dt>${t.status}</dt><dd><strong>${t.statuses[c.status] ?? c.status}</strong></dd>
<dt>${t.handledBy}</dt><dd>${unit}</dd>
<dt>${t.receivedAt}</dt><dd>${when(t, c.receivedAt)}</dd>
${c.expectedAnswerAt && !c.resolvedAt && !(FINAL_CASE_STATUSES as readonly string[]).includes(c.status) ? html`<dt>${c.resolveDueAt ? t.dueBy : t.expectedAnswer}</dt><dd>${when(t, c.expectedAnswerAt)}</dd>` : ''}
${c.status === 'awaitingCitizen' && c.citizenReplyDueAt ? html`<dt>${t.replyBy}</dt><dd>${when(t, c.citizenReplyDueAt)}</dd>` : ''}
${c.satisfaction ? html`<dt>${t.rated}</dt><dd>${c.satisfaction}/5</dd>` : ''}
${c.appealOf ? html`<dt>${t.appealOf}</dt><dd>${c.appealOf}</dd>` : ''}
${c.appealedTo ? html`<dt>${t.appealedTo}</dt><dd>${c.appealedTo}</dd>` : ''}
${c.registerUrl ? html`<dt>${t.publishedAt}</dt><dd><a href="${c.registerUrl}?lang=${t.lang}">${c.registerUrl}</a></dd>` : ''}
</dl>
<h2>${t.conversation}</h2>
<ol class="thread">${c.messages.map((m) => html`<li class="${m.direction}"><div class="meta">${m.direction === 'inbound' ? t.you : unit} · ${when(t, m.at)}</div>${m.body}${m.files.length ? html`<div class="meta">📎 ${m.files.map((f, i) => html`${i ? ', ' : ''}<a href="/track/file?code=${encodeURIComponent(c.trackingCode)}&amp;key=${encodeURIComponent(key)}&amp;id=${f.id}" download>${f.fileName}</a>`)}</div>` : ''}</li>`)}</ol>
${
  c.canReply
    ? html`<h2 id="reply">${t.replyHeading}</h2>
<form method="post" action="${action}" enctype="multipart/form-data">${hidden}<input type="hidden" name="action" value="message">
<div class="field${errors.message ? ' invalid' : ''}"><label for="message">${t.replyLabel}</label>${errorFor('message')}<textarea id="message" name="message" required ${errors.message ? html`aria-invalid="true" aria-describedby="message-error"` : ''}></textarea></div>
<div class="field"><label for="attachments">${t.attachments}</label><p class="hint">${t.attachmentsHint}</p><input type="file" id="attachments" name="attachments" multiple></div>
<button type="submit">${t.replySend}</button></form>`
    : ''
}
${
  c.canReopen
    ? html`<h2 id="reopen">${t.reopenHeading}</h2><p class="hint">${t.reopenUntil} ${when(t, c.reopenUntil)}</p>
<form method="post" action="${action}" enctype="multipart/form-data">${hidden}<input type="hidden" name="action" value="reopen">
<div class="field"><label for="reopen-message">${t.reopenLabel}</label><textarea id="reopen-message" name="message" required></textarea></div>
<button type="submit" class="secondary">${t.reopenSend}</button></form>`
    : ''
}
${
  c.canAppeal
    ? html`<h2 id="appeal">${t.appealHeading}</h2><p>${t.appealLead}</p>
<form method="post" action="${action}" enctype="multipart/form-data">${hidden}<input type="hidden" name="action" value="appeal">
<div class="field${errors.action ? ' invalid' : ''}"><label for="appeal-message">${t.appealLabel}</label>${errorFor('action')}<textarea id="appeal-message" name="message" required></textarea></div>
<button type="submit" class="secondary">${t.appealSend}</button></form>`
    : ''
}
${
  c.canRate
    ? html`<h2 id="rate">${t.rateHeading}</h2>
<form method="post" action="${action}" enctype="multipart/form-data">${hidden}<input type="hidden" name="action" value="rate">
<fieldset class="${errors.satisfaction ? 'invalid' : ''}"><legend>${t.rateLegend}</legend>${errorFor('satisfaction')}<div class="rating">${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="satisfaction" value="${n}" required> ${n}</label>`)}</div></fieldset>
<button type="submit">${t.rateSend}</button></form>`
    : ''
}
${
  (['rejected', 'merged'] as string[]).includes(c.status)
    ? ''
    : html`<h2 id="publication">${t.publicationHeading}</h2><p>${c.publicationConsent ? t.publicationYes : t.publicationNo}</p>
<form method="post" action="${action}" enctype="multipart/form-data">${hidden}<input type="hidden" name="action" value="publication">
<input type="hidden" name="publish" value="${c.publicationConsent ? 'no' : 'yes'}">${errorFor('publish')}
<button type="submit" class="secondary">${c.publicationConsent ? t.publicationRefuse : t.publicationAllow}</button></form>`
}
<h2>${t.history}</h2>
<ol>${c.milestones.map((m) => html`<li>${when(t, m.at)} — ${t.milestones[m.type] ?? m.type}</li>`)}</ol>`;
}

/** A page that says what went wrong and offers the way on: submit, or track a case. */
export function errorPage(t: PortalTexts, heading: string, lead: string): Html {
  return html`<h1>${heading}</h1>${lead ? html`<p>${lead}</p>` : ''}
<ul><li><a href="/?lang=${t.lang}">${t.navSubmit}</a></li><li><a href="/track?lang=${t.lang}">${t.navTrack}</a></li></ul>`;
}
