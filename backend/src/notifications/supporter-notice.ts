/**
 * The mail a supporter gets when the case they follow is answered. They hold no access key (the
 * status page is the filer's), so it says that there is an answer and where the matter stands,
 * and nothing of anyone's words or contact.
 */
export function supporterAnsweredMail(
  language: string,
  kase: { trackingCode: string; title: string },
  operator: { vi: string; en: string },
): { subject: string; text: string } {
  if (language === 'en')
    return {
      subject: `[${kase.trackingCode}] The case you support has been answered`,
      text: `The case you support, ${kase.trackingCode} "${kase.title}", has been answered by the handling authority.\n\nIf the matter is not settled for you, you can submit a new one and quote this code.\n\n— ${operator.en}`,
    };
  return {
    subject: `[${kase.trackingCode}] Phản ánh ông/bà cùng theo dõi đã có kết quả`,
    text: `Phản ánh ông/bà cùng theo dõi, mã ${kase.trackingCode} "${kase.title}", đã được cơ quan có thẩm quyền trả lời.\n\nNếu vụ việc của ông/bà chưa được giải quyết, xin gửi phản ánh mới và ghi mã hồ sơ này.\n\n— ${operator.vi}`,
  };
}
