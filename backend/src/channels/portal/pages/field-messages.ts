import type { Language } from '@caunoi/workflows';

/** A field's problem as the one error type carries it (errors/from-zod `fieldProblem`, intake/attachments). */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

type Params = Record<string, string | number>;
type Say = (p: Params) => string;

/** What a field is called in Vietnamese, inside a sentence. */
const FIELD_VI: Record<string, string> = {
  title: 'Tiêu đề',
  body: 'Nội dung',
  categoryCode: 'Lĩnh vực',
  provinceCode: 'Tỉnh, thành phố',
  communeCode: 'Xã, phường',
  placeText: 'Địa chỉ cụ thể',
  name: 'Họ và tên',
  email: 'Thư điện tử',
  phone: 'Số điện thoại',
  message: 'Nội dung',
  key: 'Mã tra cứu',
  satisfaction: 'Mức độ hài lòng',
};

/** Problems that mean the same whatever the field, by code. */
const BY_CODE_VI: Record<string, Say> = {
  required: () => 'Xin điền mục này.',
  too_small: (p) => (p.minimum !== undefined ? `Cần ít nhất ${p.minimum} ký tự.` : 'Nội dung quá ngắn.'),
  too_big: (p) => (p.maximum !== undefined ? `Tối đa ${p.maximum} ký tự.` : 'Nội dung quá dài.'),
  invalid_type: () => 'Giá trị không hợp lệ.',
  'attachment.empty': (p) => `Tệp ${p.file} không có nội dung.`,
  'attachment.tooLarge': (p) => `Tệp ${p.file} lớn hơn ${p.maximum} MB.`,
  'attachment.notAccepted': (p) =>
    `Tệp ${p.file} có định dạng ${p.type}, không được chấp nhận; xin gửi ảnh, PDF, Word, Excel, MP4 hoặc văn bản.`,
  'attachment.unrecognised': (p) =>
    `Không nhận ra loại của tệp ${p.file} từ nội dung; xin gửi ảnh, PDF, Word, Excel, MP4 hoặc văn bản.`,
  'attachment.misnamed': (p) =>
    `Tệp ${p.file} có đuôi ${p.extension} nhưng nội dung là ${p.type}; xin đổi tên thành ${p.expected} hoặc gửi đúng tệp.`,
  'attachment.mislabelled': (p) => `Tệp ${p.file} được gửi là ${p.declared} nhưng nội dung là ${p.type}.`,
  'attachments.tooMany': (p) => `Tối đa ${p.maximum} tệp.`,
  'action.reopenRefused': () =>
    'Không thể đề nghị xem xét lại lúc này: chỉ hồ sơ đã có kết quả, trong thời hạn cho phép; quá hạn, xin gửi phản ánh mới kèm mã hồ sơ này.',
  'action.rateRefused': () => 'Chỉ đánh giá được khi hồ sơ đã có kết quả.',
  'body.cutOff': () => 'Tệp tải lên bị gián đoạn giữa chừng; xin gửi lại.',
  'place.unknownProvince': (p) => `Không có tỉnh, thành phố mã ${p.code}; xin chọn trong danh sách.`,
  'place.unknownCommune': (p) => `Không có xã, phường mã ${p.code}; xin chọn trong danh sách.`,
  'place.communeNotInProvince': (p) => `Xã, phường mã ${p.code} không thuộc tỉnh, thành phố đã chọn.`,
  'category.unknown': (p) => `Không có lĩnh vực mã ${p.code}; xin chọn trong danh sách.`,
  'attribute.unknown': (p) => `Lĩnh vực này không có thông tin bổ sung mã ${p.code}.`,
  'attribute.value': (p) => `Giá trị chưa đúng; chọn một trong: ${p.allowed}.`,
  'attribute.tooLong': (p) => `Tối đa ${p.max} ký tự.`,
  'attribute.required': () => 'Lĩnh vực này cần thông tin này.',
};

/** Problems particular to one field (the refinements and formats of the portal's schema). */
const BY_FIELD_VI: Record<string, Say> = {
  'title:required': () => 'Xin nhập tiêu đề ngắn gọn của sự việc.',
  'title:too_small': (p) => `Tiêu đề cần ít nhất ${p.minimum} ký tự.`,
  'body:required': () => 'Xin mô tả sự việc.',
  'body:too_small': (p) => `Nội dung cần ít nhất ${p.minimum} ký tự: sự việc gì, ở đâu, từ khi nào.`,
  'email:invalid_format': () => 'Địa chỉ thư điện tử chưa đúng (ví dụ: ten@example.vn).',
  'phone:invalid_format': () => 'Số điện thoại gồm 8 đến 15 chữ số.',
  'consent:custom': () =>
    'Xin đồng ý cho cơ quan xử lý dữ liệu cá nhân của ông/bà (Nghị định 13/2023/NĐ-CP), hoặc để trống họ tên, thư điện tử và số điện thoại.',
  'website:too_big': () => 'Xin để trống ô này.',
  'message:custom': () => 'Xin nhập nội dung.',
  'satisfaction:custom': () => 'Xin chọn từ 1 đến 5.',
  'key:required': () => 'Xin nhập mã tra cứu trong thông báo tiếp nhận.',
};

/**
 * The problem in the page's language. English is the message the API gives; Vietnamese is said
 * from the problem's code and facts, so that nothing English reaches the Vietnamese form. An
 * unknown problem in Vietnamese still names the field and asks to check it.
 */
export function fieldMessage(problem: FieldProblem, language: Language): string {
  if (language === 'en') return problem.message;
  const params = problem.params ?? {};
  const field = problem.field.replace(/\[\d+\]$/, '');
  const say = (problem.code && (BY_FIELD_VI[`${field}:${problem.code}`] ?? BY_CODE_VI[problem.code])) || null;
  if (say) return say(params);
  return FIELD_VI[field] ? `${FIELD_VI[field]}: xin kiểm tra lại.` : 'Xin kiểm tra lại nội dung đã gửi.';
}

/** What the portal says, in its language, when a form post could not even be read or was refused as a whole. */
export const PAGE_PROBLEMS: Record<
  Language,
  Record<'rateLimited' | 'lookupLimited' | 'quotaExceeded' | 'tooLarge' | 'unavailable' | 'failed', string>
> = {
  vi: {
    quotaExceeded:
      'Địa chỉ mạng của ông/bà đã gửi quá nhiều dữ liệu trong một giờ. Xin gửi tệp lớn dưới dạng đường dẫn, hoặc gửi lại sau.',
    lookupLimited:
      'Có quá nhiều lượt tra cứu không đúng mã hồ sơ hoặc mã tra cứu. Xin kiểm tra lại thư xác nhận, hoặc thử lại sau một giờ.',
    rateLimited: 'Có quá nhiều lượt gửi từ địa chỉ mạng của ông/bà trong một phút. Xin đợi một phút rồi gửi lại.',
    tooLarge:
      'Nội dung gửi quá lớn (tối đa 25 MB cho cả biểu mẫu, 10 MB mỗi tệp). Xin bớt hoặc thu nhỏ tệp đính kèm rồi gửi lại.',
    unavailable: 'Hệ thống đang bận, chưa lưu được phản ánh. Xin gửi lại sau ít phút.',
    failed: 'Đã có lỗi ở phía chúng tôi, chưa lưu được phản ánh. Xin gửi lại; nếu vẫn lỗi, xin báo mã lỗi sau: ',
  },
  en: {
    quotaExceeded:
      'Your network address has sent too much data in the last hour. Please send large files as links, or try again later.',
    lookupLimited:
      'Too many lookups with a wrong tracking code or access key. Please check your acknowledgement, or try again in an hour.',
    rateLimited: 'Too many submissions from your network address in one minute. Please wait a minute and send again.',
    tooLarge:
      'What you sent is too large (25 MB for the whole form, 10 MB per file). Please remove or shrink attachments and send again.',
    unavailable: 'The service is busy and could not save your submission. Please send it again in a few minutes.',
    failed:
      'Something went wrong on our side and your submission was not saved. Please send it again; if it fails again, quote this error id: ',
  },
};
