import { Html, html } from './html';
import type { PortalTexts } from './portal-texts';

const STYLE = `
:root{--ink:#1b1f24;--muted:#555f6b;--line:#c9d1d9;--accent:#b3261e;--link:#0b57d0;--ok:#1e6b34;--bg:#fafafa}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #ffbf47;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
header{background:var(--accent);color:#fff;padding:12px 16px}header a{color:#fff}header .row{max-width:760px;margin:auto;display:flex;flex-wrap:wrap;gap:12px;align-items:baseline;justify-content:space-between}
header strong{font-size:1.15rem}header .agency{font-size:.92rem}nav a{margin-right:12px}
footer{border-top:1px solid var(--line);color:var(--muted);padding:12px 16px;margin-top:24px}footer .row{max-width:760px;margin:auto}
main{max-width:760px;margin:auto;padding:16px}
h1{font-size:1.6rem;margin:.4em 0}h2{font-size:1.25rem;margin-top:1.6em}
.field{margin:0 0 18px}label,legend{display:block;font-weight:600}.hint{color:var(--muted);font-size:.92rem;margin:2px 0 4px}
input[type=text],input[type=email],input[type=tel],select,textarea{width:100%;padding:8px;border:2px solid var(--ink);border-radius:2px;font:inherit;background:#fff}
textarea{min-height:9em}fieldset{border:1px solid var(--line);padding:12px;margin:0 0 18px}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400}.check input{margin-top:.3em;width:1.2em;height:1.2em}
.error{color:var(--accent);font-weight:600;margin:2px 0}.invalid input,.invalid textarea,.invalid select{border-color:var(--accent)}
.summary{border:4px solid var(--accent);padding:12px 16px;margin-bottom:20px;background:#fff}
.panel{border:4px solid var(--ok);background:#fff;padding:16px;margin:12px 0}
.code{font:700 1.4rem/1.3 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em;overflow-wrap:anywhere}
button{background:var(--ok);color:#fff;border:0;border-radius:2px;padding:10px 18px;font:600 1rem system-ui,sans-serif;cursor:pointer}button.secondary{background:#44505c}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 16px}dt{font-weight:600}dd{margin:0;min-width:0;overflow-wrap:anywhere}
@media (max-width:480px){dl.facts{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:8px}}
main,p,li,h1,h2{overflow-wrap:anywhere}
ol.thread{list-style:none;padding:0}ol.thread li{background:#fff;border:1px solid var(--line);padding:10px 12px;margin:8px 0;white-space:pre-wrap}
ol.thread li.outbound{border-left:6px solid var(--ok)}ol.thread li.inbound{border-left:6px solid var(--link)}.meta{color:var(--muted);font-size:.88rem;white-space:normal}
.rating{display:flex;gap:14px;flex-wrap:wrap}.rating label{font-weight:400;display:flex;gap:4px;align-items:center}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
caption{text-align:left;color:var(--muted);padding:4px 0}.scroll{overflow-x:auto}.prose{white-space:pre-wrap}h3{font-size:1.05rem;margin:0 0 4px}
`;

/** The agency that runs the portal, in both languages. */
export interface Operator {
  vi: string;
  en: string;
}

/** The page frame: language, skip link, header with the other language, main landmark, the operating agency. */
export function layout(
  t: PortalTexts,
  title: string,
  otherLanguageHref: string,
  body: Html,
  operator: Operator,
): string {
  const agency = t.lang === 'en' ? operator.en : operator.vi;
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${t.siteName}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header><div class="row"><span><strong>${t.siteName}</strong><br><span class="agency">${agency}</span></span>
<nav aria-label="${t.siteName}"><a href="/?lang=${t.lang}">${t.navSubmit}</a><a href="/track?lang=${t.lang}">${t.navTrack}</a><a href="/cong-khai?lang=${t.lang}">${t.navRegister}</a><a href="${otherLanguageHref}" lang="${t.lang === 'vi' ? 'en' : 'vi'}">${t.otherLanguage}</a></nav></div></header>
<main id="main">${body}</main>
<footer><div class="row">${t.operatedBy}: ${agency}</div></footer>
</body>
</html>`.value;
}
