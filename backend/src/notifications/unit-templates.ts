import type { Language, UnitTemplate } from '@caunoi/workflows';
import type { NoticeFacts } from '@caunoi/db';
import type { RenderedNotice } from './citizen-templates';

/** The notices officers receive by mail; the link opens the case in the admin UI. */
const UNIT: Record<Language, Record<UnitTemplate, (f: NoticeFacts) => { subject: string; lead: string }>> = {
  vi: {
    newCase: (f) => ({ subject: `[${f.trackingCode}] Hồ sơ mới: ${f.title}`, lead: `Đơn vị có hồ sơ mới cần xử lý.` }),
    citizenReplied: (f) => ({
      subject: `[${f.trackingCode}] Công dân đã gửi thêm thông tin`,
      lead: `Công dân đã trả lời hoặc bổ sung thông tin cho hồ sơ.`,
    }),
    reopened: (f) => ({
      subject: `[${f.trackingCode}] Công dân đề nghị xem xét lại`,
      lead: `Công dân chưa đồng ý với kết quả và đề nghị xem xét lại.`,
    }),
    slaWarning: (f) => ({
      subject: `[${f.trackingCode}] Sắp đến hạn xử lý`,
      lead: `Hồ sơ sắp đến hạn (hạn giải quyết ${f.resolveDueAt?.toISOString().slice(0, 10) ?? '—'}).`,
    }),
    escalated: (f) => ({
      subject: `[${f.trackingCode}] Hồ sơ quá hạn — cảnh báo cấp ${f.escalationLevel}`,
      lead: `Hồ sơ đã quá hạn và được báo cáo lên cấp ${f.escalationLevel}.`,
    }),
    urged: (f) => ({ subject: `[${f.trackingCode}] Đôn đốc xử lý`, lead: `Cấp trên đôn đốc đơn vị xử lý hồ sơ này.` }),
    assigned: (f) => ({
      subject: `[${f.trackingCode}] Hồ sơ được giao cho bạn`,
      lead: `Bạn được giao xử lý hồ sơ này.`,
    }),
    answerToApprove: (f) => ({
      subject: `[${f.trackingCode}] Dự thảo trả lời chờ ký duyệt`,
      lead: `Cán bộ đã dự thảo trả lời hồ sơ; dự thảo chờ lãnh đạo đơn vị duyệt trước khi gửi công dân (hạn giải quyết ${f.resolveDueAt?.toISOString().slice(0, 10) ?? '—'}).`,
    }),
    answerReturned: (f) => ({
      subject: `[${f.trackingCode}] Dự thảo trả lời bị trả lại`,
      lead: `Lãnh đạo đơn vị trả lại dự thảo trả lời; xem ghi chú trên hồ sơ và dự thảo lại.`,
    }),
  },
  en: {
    newCase: (f) => ({
      subject: `[${f.trackingCode}] New case: ${f.title}`,
      lead: `Your unit has a new case to handle.`,
    }),
    citizenReplied: (f) => ({
      subject: `[${f.trackingCode}] The citizen wrote back`,
      lead: `The citizen replied or added information.`,
    }),
    reopened: (f) => ({
      subject: `[${f.trackingCode}] Reopened by the citizen`,
      lead: `The citizen disagrees with the answer and asked for the case to be reopened.`,
    }),
    slaWarning: (f) => ({
      subject: `[${f.trackingCode}] Deadline approaching`,
      lead: `The case is close to its deadline (${f.resolveDueAt?.toISOString().slice(0, 10) ?? '—'}).`,
    }),
    escalated: (f) => ({
      subject: `[${f.trackingCode}] Overdue — escalated to level ${f.escalationLevel}`,
      lead: `The case is overdue and has been escalated to level ${f.escalationLevel}.`,
    }),
    urged: (f) => ({
      subject: `[${f.trackingCode}] Please act on this case`,
      lead: `A supervising unit urges yours to act on this case.`,
    }),
    assigned: (f) => ({ subject: `[${f.trackingCode}] Assigned to you`, lead: `This case has been assigned to you.` }),
    answerToApprove: (f) => ({
      subject: `[${f.trackingCode}] Draft answer to approve`,
      lead: `An officer drafted the answer; it waits for the head of the unit before it goes to the citizen (due ${f.resolveDueAt?.toISOString().slice(0, 10) ?? '—'}).`,
    }),
    answerReturned: (f) => ({
      subject: `[${f.trackingCode}] Draft answer returned`,
      lead: `The head of the unit returned the draft answer; see the note on the case and draft it again.`,
    }),
  },
};

export function renderUnitNotice(
  template: UnitTemplate,
  facts: NoticeFacts,
  language: Language,
  caseUrl: string,
): RenderedNotice {
  const { subject, lead } = (UNIT[language] ?? UNIT.vi)[template](facts);
  const labels =
    language === 'en'
      ? { title: 'Title', unit: 'Handled by', open: 'Open the case' }
      : { title: 'Tiêu đề', unit: 'Đơn vị xử lý', open: 'Mở hồ sơ' };
  return {
    subject,
    text: `${lead}\n\n${labels.title}: ${facts.title}\n${labels.unit}: ${language === 'en' ? facts.unit.nameEn : facts.unit.nameVi}\n\n${labels.open}: ${caseUrl}`,
  };
}
