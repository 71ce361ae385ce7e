import { type CitizenTemplate, type Language, formatLocalDateTime } from '@caunoi/workflows';
import { statusUrl } from './status-url';
import { deriveAccessKey } from '../transitions/access-key';
import type { NoticeFacts } from '@caunoi/db';

export interface RenderedNotice {
  subject: string;
  text: string;
}

export interface CitizenNoticeLinks {
  /** The status page with the access key (only in the acknowledgement and to the citizen's own channel). */
  statusUrl: string;
  accessKey: string;
  /**
   * How to write back on this channel: by mail, to the intake mailbox that accepts replies (our
   * mail comes from a no-reply sender); on Zalo, in the same chat.
   */
  reply: { channel: 'email'; mailbox: string } | { channel: 'zalo' };
  /** The agency that operates the portal, named in every message (PORTAL_OPERATOR). */
  operator: { vi: string; en: string };
}

const date = (d: Date | null, language: Language) => (d ? formatLocalDateTime(d, language) : '—');

const replyVi = (l: CitizenNoticeLinks) =>
  l.reply.channel === 'email'
    ? `trả lời thư này (thư trả lời được gửi đến ${l.reply.mailbox}; xin không gửi đến địa chỉ gửi thư)`
    : 'nhắn tin ngay trong cuộc trò chuyện Zalo này';
const replyEn = (l: CitizenNoticeLinks) =>
  l.reply.channel === 'email'
    ? `reply to this mail (replies go to ${l.reply.mailbox}; please do not write to the sending address)`
    : 'write in this Zalo chat';

/**
 * The bilingual messages a citizen receives about their case, on email and Zalo alike. The
 * tracking code is in every subject, so that mail clients and people can find the case.
 */
const CITIZEN: Record<Language, Record<CitizenTemplate, (f: NoticeFacts, l: CitizenNoticeLinks) => RenderedNotice>> = {
  vi: {
    acknowledged: (f, l) => ({
      subject: `[${f.trackingCode}] Đã tiếp nhận phản ánh, kiến nghị: ${f.title}`,
      text:
        `Kính gửi ông/bà${f.citizen?.name ? ` ${f.citizen.name}` : ''},\n\nPhản ánh, kiến nghị "${f.title}" đã được tiếp nhận.\nMã số hồ sơ: ${f.trackingCode}\nMã tra cứu: ${l.accessKey}\nĐơn vị xử lý: ${f.unit.nameVi}\n` +
        (f.expectedAnswerAt ? `Dự kiến trả lời chậm nhất: ${date(f.expectedAnswerAt, 'vi')}\n` : '') +
        `\nTheo dõi tiến độ và bổ sung thông tin tại: ${l.statusUrl}\nĐể bổ sung, ông/bà ${replyVi(l)}.\n\n${l.operator.vi}`,
    }),
    accepted: (f) => ({
      subject: `[${f.trackingCode}] Hồ sơ đã được thụ lý`,
      text: `${f.unit.nameVi} đã thụ lý phản ánh, kiến nghị "${f.title}" (mã ${f.trackingCode}).\nThời hạn giải quyết: ${date(f.resolveDueAt, 'vi')}.`,
    }),
    transferred: (f) => ({
      subject: `[${f.trackingCode}] Hồ sơ được chuyển đến ${f.unit.nameVi}`,
      text: `Phản ánh, kiến nghị "${f.title}" (mã ${f.trackingCode}) đã được chuyển đến ${f.unit.nameVi}, đơn vị có thẩm quyền giải quyết.`,
    }),
    infoRequested: (f, l) => ({
      subject: `[${f.trackingCode}] Đề nghị bổ sung thông tin`,
      text: `${f.unit.nameVi} đề nghị ông/bà bổ sung thông tin cho hồ sơ ${f.trackingCode}:\n\n${f.message?.body ?? ''}\n\nXin trả lời trước ${date(f.citizenReplyDueAt, 'vi')}: ${replyVi(l)}, hoặc trên trang ${l.statusUrl}. Thời gian chờ bổ sung không tính vào thời hạn giải quyết.`,
    }),
    answered: (f, l) => ({
      subject: `[${f.trackingCode}] Kết quả giải quyết: ${f.title}`,
      text: `${f.unit.nameVi} trả lời phản ánh, kiến nghị "${f.title}" (mã ${f.trackingCode}):\n\n${f.message?.body ?? ''}\n\nNếu chưa đồng ý, ông/bà có thể đề nghị xem xét lại trước ${date(f.autoCloseDueAt, 'vi')}; ông/bà cũng có thể đánh giá mức độ hài lòng. Cả hai tại: ${l.statusUrl}\n\n${l.operator.vi}`,
    }),
    rejected: (f) => ({
      subject: `[${f.trackingCode}] Không tiếp nhận xử lý`,
      text: `Phản ánh, kiến nghị "${f.title}" (mã ${f.trackingCode}) không được tiếp nhận xử lý.\nLý do: ${f.message?.body ?? ''}`,
    }),
    merged: (f) => ({
      subject: `[${f.trackingCode}] Hồ sơ được gộp vào ${f.mergedInto ?? ''}`,
      text: `Phản ánh, kiến nghị của ông/bà có cùng nội dung với hồ sơ ${f.mergedInto ?? ''} và được giải quyết cùng hồ sơ đó. Kết quả sẽ được thông báo theo mã ${f.mergedInto ?? ''}.`,
    }),
    progress: (f, l) => ({
      subject: `[${f.trackingCode}] Tiến độ giải quyết: ${f.title}`,
      text: `${f.unit.nameVi} thông báo tiến độ giải quyết phản ánh, kiến nghị "${f.title}" (mã ${f.trackingCode}):\n\n${f.message?.body ?? ''}\n\nTheo dõi tại: ${l.statusUrl}\n\n${l.operator.vi}`,
    }),
    mergedAnswered: (f, l) => ({
      subject: `[${f.trackingCode}] Kết quả giải quyết hồ sơ ${f.mergedInto ?? ''}`,
      text: `Phản ánh, kiến nghị "${f.title}" (mã ${f.trackingCode}) của ông/bà đã được gộp vào hồ sơ ${f.mergedInto ?? ''}. Hồ sơ đó đã có kết quả giải quyết:\n\n${f.message?.body ?? ''}\n\nTheo dõi hồ sơ của ông/bà tại: ${l.statusUrl}\n\n${l.operator.vi}`,
    }),
    extended: (f, l) => ({
      subject: `[${f.trackingCode}] Gia hạn thời hạn giải quyết: ${f.title}`,
      text: `${f.unit.nameVi} gia hạn thời hạn giải quyết phản ánh, kiến nghị "${f.title}" (mã ${f.trackingCode}).\nLý do: ${f.message?.body ?? ''}\nThời hạn mới: ${date(f.resolveDueAt, 'vi')}.\n\nTheo dõi tại: ${l.statusUrl}\n\n${l.operator.vi}`,
    }),
    closedNoReply: (f) => ({
      subject: `[${f.trackingCode}] Hồ sơ đã đóng do không nhận được thông tin bổ sung`,
      text: `Hồ sơ ${f.trackingCode} ("${f.title}") đã đóng vì quá thời hạn bổ sung thông tin. Ông/bà có thể gửi phản ánh mới kèm mã này.`,
    }),
  },
  en: {
    acknowledged: (f, l) => ({
      subject: `[${f.trackingCode}] Received: ${f.title}`,
      text:
        `Dear ${f.citizen?.name ?? 'citizen'},\n\nYour submission "${f.title}" has been received.\nTracking code: ${f.trackingCode}\nAccess key: ${l.accessKey}\nHandled by: ${f.unit.nameEn}\n` +
        (f.expectedAnswerAt ? `Expected answer by: ${date(f.expectedAnswerAt, 'en')}\n` : '') +
        `\nFollow its progress and add information at: ${l.statusUrl}\nTo add something, ${replyEn(l)}.\n\n${l.operator.en}`,
    }),
    accepted: (f) => ({
      subject: `[${f.trackingCode}] Your case has been accepted`,
      text: `${f.unit.nameEn} has accepted "${f.title}" (${f.trackingCode}).\nDue by: ${date(f.resolveDueAt, 'en')}.`,
    }),
    transferred: (f) => ({
      subject: `[${f.trackingCode}] Transferred to ${f.unit.nameEn}`,
      text: `"${f.title}" (${f.trackingCode}) has been transferred to ${f.unit.nameEn}, which is competent to handle it.`,
    }),
    infoRequested: (f, l) => ({
      subject: `[${f.trackingCode}] More information needed`,
      text: `${f.unit.nameEn} asks for more information on ${f.trackingCode}:\n\n${f.message?.body ?? ''}\n\nPlease answer before ${date(f.citizenReplyDueAt, 'en')}: ${replyEn(l)}, or on ${l.statusUrl}. The time spent waiting for you does not count against the deadline.`,
    }),
    answered: (f, l) => ({
      subject: `[${f.trackingCode}] Answer: ${f.title}`,
      text: `${f.unit.nameEn} answers "${f.title}" (${f.trackingCode}):\n\n${f.message?.body ?? ''}\n\nIf you disagree, you can ask for it to be reopened before ${date(f.autoCloseDueAt, 'en')}, and you can rate the answer. Both here: ${l.statusUrl}\n\n${l.operator.en}`,
    }),
    rejected: (f) => ({
      subject: `[${f.trackingCode}] Not accepted`,
      text: `"${f.title}" (${f.trackingCode}) was not accepted.\nReason: ${f.message?.body ?? ''}`,
    }),
    merged: (f) => ({
      subject: `[${f.trackingCode}] Merged into ${f.mergedInto ?? ''}`,
      text: `Your submission raises the same matter as ${f.mergedInto ?? ''} and will be handled with it. The answer will be given under ${f.mergedInto ?? ''}.`,
    }),
    progress: (f, l) => ({
      subject: `[${f.trackingCode}] Progress: ${f.title}`,
      text: `${f.unit.nameEn} reports progress on "${f.title}" (${f.trackingCode}):\n\n${f.message?.body ?? ''}\n\nFollow it at: ${l.statusUrl}\n\n${l.operator.en}`,
    }),
    mergedAnswered: (f, l) => ({
      subject: `[${f.trackingCode}] Answer to ${f.mergedInto ?? ''}`,
      text: `Your submission "${f.title}" (${f.trackingCode}) was merged into ${f.mergedInto ?? ''}. It has been answered:\n\n${f.message?.body ?? ''}\n\nYour case: ${l.statusUrl}\n\n${l.operator.en}`,
    }),
    extended: (f, l) => ({
      subject: `[${f.trackingCode}] Deadline extended: ${f.title}`,
      text: `${f.unit.nameEn} has extended the deadline for "${f.title}" (${f.trackingCode}).\nReason: ${f.message?.body ?? ''}\nNew deadline: ${date(f.resolveDueAt, 'en')}.\n\nFollow it at: ${l.statusUrl}\n\n${l.operator.en}`,
    }),
    closedNoReply: (f) => ({
      subject: `[${f.trackingCode}] Closed without the requested information`,
      text: `${f.trackingCode} ("${f.title}") was closed because the requested information did not arrive in time. You can submit again, quoting this code.`,
    }),
  },
};

/** What every deliverer knows to render a citizen's notice: the key secret, the portal, its operator. */
export interface CitizenNoticeSetting {
  secret: string;
  publicUrl: string;
  operator: CitizenNoticeLinks['operator'];
}

export interface CitizenNoticeContext extends CitizenNoticeSetting {
  reply: CitizenNoticeLinks['reply'];
}

/** A queued citizen notice rendered for delivery: the access key derived again, the status link built, the case's language unless the row names one. */
export function renderQueuedCitizenNotice(
  payload: Record<string, unknown>,
  facts: NoticeFacts,
  context: CitizenNoticeContext,
): RenderedNotice {
  const accessKey = deriveAccessKey(context.secret, facts.trackingCode);
  return renderCitizenNotice(
    payload.template as CitizenTemplate,
    facts,
    (payload.language as Language | undefined) ?? facts.language,
    {
      accessKey,
      statusUrl: statusUrl(context.publicUrl, facts.trackingCode, accessKey),
      reply: context.reply,
      operator: context.operator,
    },
  );
}

export function renderCitizenNotice(
  template: CitizenTemplate,
  facts: NoticeFacts,
  language: Language,
  links: CitizenNoticeLinks,
): RenderedNotice {
  const render = CITIZEN[language]?.[template] ?? CITIZEN.vi[template];
  if (!render) throw new Error(`no citizen template ${template}`);
  const notice = render(facts, links);
  const en = language === 'en';
  const lines: string[] = [];
  // The files an answer carries (the signed document, photos): named on every channel, on the status page to download.
  if (facts.message?.files.length)
    lines.push(
      en
        ? `Attached: ${facts.message.files.join(', ')} (also on ${links.statusUrl})`
        : `Tệp đính kèm: ${facts.message.files.join(', ')} (tải tại ${links.statusUrl})`,
    );
  // The choice about publication is the citizen's, said in the acknowledgement, changed on the status page.
  if (template === 'acknowledged')
    lines.push(
      facts.publicationConsent
        ? en
          ? 'You agreed that the question and its answer may be published, with personal data masked. You can change this on the status page.'
          : 'Ông/bà đã đồng ý công khai câu hỏi và kết quả trả lời (thông tin cá nhân được che). Có thể thay đổi trên trang theo dõi hồ sơ.'
        : en
          ? 'Your question and its answer will not be published unless you agree on the status page.'
          : 'Câu hỏi và kết quả trả lời sẽ không được công khai nếu ông/bà không đồng ý trên trang theo dõi hồ sơ.',
    );
  return lines.length ? { ...notice, text: `${notice.text}\n\n${lines.join('\n')}` } : notice;
}

/** Said on Zalo when a citizen's first message arrives and when someone follows the OA. */
export const ZALO_TEXTS = {
  verdictButtons: {
    satisfied: 'Hài lòng',
    notSatisfied: 'Chưa hài lòng',
    appeal: 'Kiến nghị lên cấp trên',
    question: 'Ông/bà có hài lòng với kết quả giải quyết không?',
  },
  rated: {
    vi: (code: string) => `Cảm ơn ông/bà đã đánh giá kết quả giải quyết hồ sơ ${code}. Hồ sơ đã kết thúc.`,
    en: (code: string) => `Thank you for rating the answer to ${code}. The case is closed.`,
  },
  reopenedByChat: {
    vi: (code: string) =>
      `Hồ sơ ${code} đã được chuyển lại để cơ quan xem xét. Ông/bà có thể nhắn tại đây điều chưa thỏa đáng.`,
    en: (code: string) => `${code} goes back to the unit to be looked at again. Write here what is not settled.`,
  },
  appealed: {
    vi: (code: string, newCode: string) =>
      `Kiến nghị của ông/bà về hồ sơ ${code} đã được chuyển lên cơ quan cấp trên: hồ sơ mới ${newCode}, có thời hạn giải quyết riêng. Hồ sơ ${code} đã kết thúc.`,
    en: (code: string, newCode: string) =>
      `Your appeal on ${code} went to the authority above as a new case, ${newCode}, with its own deadlines. ${code} is closed.`,
  },
  cannotAppeal: {
    vi: (code: string, why: string) => `Chưa thể kiến nghị lên cấp trên về hồ sơ ${code}: ${why}`,
    en: (code: string, why: string) => `${code} cannot be appealed now: ${why}`,
  },
  cannotRate: {
    vi: (code: string) =>
      `Hồ sơ ${code} không ở giai đoạn chờ ý kiến của ông/bà (chưa có kết quả, hoặc đã quá thời hạn). Ông/bà có thể gửi phản ánh mới kèm mã này.`,
    en: (code: string) =>
      `${code} is not waiting for your verdict (not answered yet, or the period has passed). You can write again quoting this code.`,
  },
  offerSimilar: {
    vi: (code: string, titles: Array<{ title: string; supporters: number }>) =>
      `Có phải bạn muốn phản ánh về một trong những việc sau? Các việc này đã được gửi đến và đang được xử lý:\n` +
      titles.map((t, i) => `${i + 1}. ${t.title} (${t.supporters} người đã phản ánh)`).join('\n') +
      `\nNếu đúng, bấm vào việc đó: phản ánh ${code} của bạn được gộp vào và bạn được báo khi có kết quả. Nếu không, bạn không cần làm gì: phản ánh của bạn vẫn được xử lý riêng.`,
    en: (code: string) =>
      `Is it about one of these? Tap it to join: your ${code} is merged into it and you are told its answer. Otherwise do nothing: yours is handled on its own.`,
  },
  cannotJoin: {
    vi: (code: string) =>
      `Không thể gộp vào hồ sơ ${code} (hồ sơ đã kết thúc, hoặc không nằm trong các việc được gợi ý). Phản ánh của bạn vẫn được xử lý riêng.`,
    en: (code: string) =>
      `Case ${code} cannot be joined (it is finished, or it was not among those offered). Yours is handled on its own.`,
  },
  welcome: {
    vi: 'Cảm ơn bạn đã quan tâm. Hãy nhắn nội dung phản ánh, kiến nghị (nơi xảy ra, sự việc); chúng tôi sẽ gửi lại mã số hồ sơ để theo dõi. Để gửi một phản ánh mới khi đang có hồ sơ, bắt đầu tin nhắn bằng #moi.',
    en: 'Thank you for following. Send us your feedback or petition (where and what happened); we will reply with a tracking code. To start a new case while one is open, begin your message with #new.',
  },
  addedToCase: {
    vi: (code: string) => `Đã nhận tin nhắn của bạn và chuyển vào hồ sơ ${code}. Cơ quan xử lý sẽ trả lời tại đây.`,
    en: (code: string) => `Your message was received and added to case ${code}. The handling unit will answer here.`,
  },
  stickerOnCase: {
    vi: (code: string) => `Hình dán không được lưu vào hồ sơ ${code}. Xin nhắn bằng chữ, hoặc gửi ảnh, tệp.`,
    en: (code: string) => `Stickers are not added to case ${code}. Please write in words, or send a photo or a file.`,
  },
  askForKey: {
    vi: (code: string) =>
      `Để theo dõi hồ sơ ${code} qua Zalo, xin gửi mã số hồ sơ kèm mã tra cứu (10 ký tự, trong thông báo tiếp nhận), ví dụ: ${code} ABCD234EFG`,
    en: (code: string) =>
      `To follow case ${code} on Zalo, please send the tracking code together with its access key (10 characters, in your acknowledgement), e.g. ${code} ABCD234EFG`,
  },
  noSuchCase: {
    vi: (code: string) =>
      `Không tìm thấy hồ sơ ${code} với mã tra cứu này. Xin kiểm tra lại hai mã trong thông báo tiếp nhận.`,
    en: (code: string) => `No case ${code} matches this access key. Please check both codes in your acknowledgement.`,
  },
  linked: {
    vi: (code: string) =>
      `Đã liên kết Zalo của bạn với hồ sơ ${code}. Từ nay, tin nhắn của bạn tại đây được chuyển vào hồ sơ, và thông báo về hồ sơ được gửi qua Zalo.`,
    en: (code: string) =>
      `Your Zalo is now linked to case ${code}: your messages here join the case, and its notices come on Zalo.`,
  },
  linkedFinished: {
    vi: (code: string) => `Hồ sơ ${code} đã kết thúc. Để gửi phản ánh mới, bắt đầu tin nhắn bằng #moi.`,
    en: (code: string) => `Case ${code} is finished. To send a new submission, start your message with #new.`,
  },
  windowClosed: {
    vi: 'Không gửi được qua Zalo do quá 7 ngày kể từ lần tương tác cuối; đã gửi qua kênh khác.',
    en: 'Could not be sent on Zalo: more than 7 days since the last interaction; sent on another channel.',
  },
} as const;
