/**
 * Mail that a program sent in answer to ours must never open a case, or an out-of-office reply to
 * our acknowledgement would open another case, acknowledged again, answered again… (RFC 3834).
 * Such mail is still kept raw; it is only not a submission. Returns why, or null for a person's mail.
 */
export function automatedMailReason(
  headers: ReadonlyMap<string, string>,
  envelopeFrom: string | null,
  from: string | null,
): string | null {
  const header = (name: string) => headers.get(name)?.toLowerCase().trim() ?? '';
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || header('x-auto-response-suppress').includes('all'))
    return 'auto-responder header';
  if (envelopeFrom === '' || envelopeFrom === '<>') return 'null envelope sender (a bounce)';
  const sender = (from ?? envelopeFrom ?? '').toLowerCase();
  if (/^(mailer-daemon|postmaster|no-?reply|bounces?)[@+]/.test(sender)) return `sent by ${sender.split('@')[0]}`;
  const contentType = header('content-type');
  if (contentType.startsWith('multipart/report')) return 'delivery report';
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return 'mailing list';
  return null;
}
