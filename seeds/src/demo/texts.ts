import type { SeededRandom } from './random';

/**
 * Realistic submissions per category, in the words citizens use. Slots in braces are filled from
 * the place of the case so that the same template reads differently across the country.
 */
interface Template {
  title: string;
  body: string;
}

const STREETS = [
  'Nguyễn Trãi',
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Hoàng Hoa Thám',
  'Điện Biên Phủ',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Phan Đình Phùng',
  'Nguyễn Văn Cừ',
  'Cách Mạng Tháng Tám',
  'Võ Văn Kiệt',
];
const HAMLETS = [
  'thôn Đông',
  'thôn Trung',
  'tổ dân phố số 3',
  'tổ dân phố số 7',
  'ấp Bình An',
  'khu phố 2',
  'bản Nà Lầu',
  'xóm Mới',
];

const VI: Record<string, Template[]> = {
  'road-traffic': [
    {
      title: 'Đường {street} xuống cấp, nhiều ổ gà',
      body: 'Đoạn đường {street} đoạn qua {hamlet}, {place} bị hư hỏng nặng, nhiều ổ gà sâu, trời mưa đọng nước gây nguy hiểm cho người đi xe máy, đặc biệt là học sinh. Đề nghị cơ quan chức năng sớm khắc phục.',
    },
    {
      title: 'Đèn tín hiệu giao thông ngã tư {street} không hoạt động',
      body: 'Đã hơn {days} ngày đèn tín hiệu tại ngã tư {street} ({place}) không hoạt động, giờ cao điểm rất ùn tắc và đã xảy ra va chạm. Kính đề nghị kiểm tra, sửa chữa.',
    },
    {
      title: 'Đề nghị lắp gờ giảm tốc trước cổng trường',
      body: 'Trước cổng trường tiểu học trên đường {street}, {place} xe tải chạy tốc độ cao. Phụ huynh chúng tôi rất lo lắng, đề nghị lắp gờ giảm tốc và biển báo khu vực trường học.',
    },
  ],
  'urban-order': [
    {
      title: 'Lấn chiếm vỉa hè trên đường {street}',
      body: 'Nhiều hộ kinh doanh trên đường {street}, {place} bày hàng hóa, để xe kín vỉa hè, người đi bộ phải đi xuống lòng đường. Đề nghị chính quyền xử lý dứt điểm.',
    },
    {
      title: 'Quán karaoke gây ồn sau 22 giờ',
      body: 'Quán karaoke tại {hamlet}, {place} hoạt động đến 1–2 giờ sáng, âm thanh rất lớn, ảnh hưởng đến giấc ngủ của người già và trẻ nhỏ. Chúng tôi đã nhắc nhở nhưng không có kết quả.',
    },
  ],
  'construction-permits': [
    {
      title: 'Công trình xây dựng không che chắn, gây bụi',
      body: 'Công trình xây dựng tại số {number} {street}, {place} không có lưới che chắn, vật liệu rơi xuống đường, bụi bẩn. Đề nghị kiểm tra giấy phép và yêu cầu chủ đầu tư đảm bảo an toàn.',
    },
    {
      title: 'Hồ sơ cấp phép xây dựng nhà ở quá hạn',
      body: 'Tôi nộp hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ tại {place} đã {days} ngày nhưng chưa nhận được kết quả, cũng không được thông báo lý do. Đề nghị xem xét giải quyết.',
    },
  ],
  land: [
    {
      title: 'Chậm cấp giấy chứng nhận quyền sử dụng đất',
      body: 'Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất tại {place} từ lâu, đến nay đã quá hạn {days} ngày mà chưa có kết quả. Đề nghị cơ quan có thẩm quyền giải quyết theo quy định.',
    },
    {
      title: 'Tranh chấp ranh giới đất với hộ liền kề',
      body: 'Hộ liền kề tại {hamlet}, {place} xây tường rào lấn sang phần đất của gia đình tôi khoảng 0,5 m. Đề nghị chính quyền tổ chức đo đạc, hòa giải.',
    },
    {
      title: 'Bồi thường giải phóng mặt bằng chưa thỏa đáng',
      body: 'Phương án bồi thường khi thu hồi đất làm đường tại {place} áp giá thấp hơn giá thị trường nhiều lần. Chúng tôi đề nghị xem xét lại đơn giá bồi thường và hỗ trợ tái định cư.',
    },
  ],
  environment: [
    {
      title: 'Rác thải tồn đọng nhiều ngày tại {hamlet}',
      body: 'Điểm tập kết rác tại {hamlet}, {place} không được thu gom đã {days} ngày, bốc mùi hôi thối, ruồi muỗi nhiều. Đề nghị đơn vị vệ sinh môi trường thu gom kịp thời.',
    },
    {
      title: 'Cơ sở sản xuất xả nước thải ra kênh',
      body: 'Một cơ sở sản xuất tại {place} xả nước thải chưa qua xử lý ra kênh thủy lợi, nước đen và có mùi, cá chết. Đề nghị kiểm tra, xử lý nghiêm.',
    },
    {
      title: 'Đốt rơm rạ gây khói bụi khu dân cư',
      body: 'Vào mùa gặt, nhiều hộ tại {place} đốt rơm rạ ngay cạnh khu dân cư, khói mù mịt ảnh hưởng sức khỏe và giao thông. Đề nghị tuyên truyền, có biện pháp xử lý.',
    },
  ],
  'civil-status': [
    {
      title: 'Chậm cấp căn cước cho con',
      body: 'Tôi làm thủ tục cấp căn cước cho con tại {place} đã {days} ngày, quá hẹn trả kết quả nhưng chưa nhận được. Đề nghị cho biết tiến độ.',
    },
    {
      title: 'Khó khăn khi đăng ký thường trú',
      body: 'Tôi nộp hồ sơ đăng ký thường trú trực tuyến tại {place} nhưng bị yêu cầu bổ sung giấy tờ nhiều lần, mỗi lần một loại khác nhau. Đề nghị hướng dẫn đầy đủ một lần.',
    },
    {
      title: 'Sai thông tin trên giấy khai sinh',
      body: 'Giấy khai sinh của con tôi đăng ký tại {place} bị ghi sai tên đệm. Tôi muốn được hướng dẫn thủ tục cải chính hộ tịch.',
    },
  ],
  'health-insurance': [
    {
      title: 'Thẻ bảo hiểm y tế học sinh chưa được cấp',
      body: 'Con tôi học tại trường ở {place} đã đóng bảo hiểm y tế học sinh từ đầu năm học nhưng đến nay chưa nhận được thẻ, khi đi khám phải trả toàn bộ chi phí.',
    },
    {
      title: 'Chậm chi trả chế độ thai sản',
      body: 'Tôi nộp hồ sơ hưởng chế độ thai sản qua công ty tại {place} đã hơn {days} ngày nhưng chưa được chi trả. Đề nghị cơ quan bảo hiểm xã hội kiểm tra.',
    },
  ],
  healthcare: [
    {
      title: 'Trạm y tế thiếu thuốc điều trị cao huyết áp',
      body: 'Trạm y tế {place} nhiều tháng nay thiếu thuốc điều trị cao huyết áp cho người bệnh có thẻ bảo hiểm y tế, người già phải tự mua ngoài. Đề nghị bổ sung thuốc.',
    },
    {
      title: 'Thái độ phục vụ tại bệnh viện',
      body: 'Ngày {date} tôi đưa mẹ đi khám tại bệnh viện ở {place}, phải chờ rất lâu và nhân viên trả lời thiếu tôn trọng. Mong bệnh viện chấn chỉnh.',
    },
  ],
  education: [
    {
      title: 'Thu các khoản ngoài quy định đầu năm học',
      body: 'Trường ở {place} thu nhiều khoản đầu năm học như quỹ lớp, tiền cơ sở vật chất, tiền điều hòa với số tiền lớn. Đề nghị làm rõ khoản nào đúng quy định.',
    },
    {
      title: 'Thiếu chỗ học mầm non công lập',
      body: 'Khu vực {hamlet}, {place} dân số tăng nhanh nhưng trường mầm non công lập không đủ chỗ, nhiều cháu phải gửi nhóm trẻ tư thục không bảo đảm. Đề nghị quy hoạch thêm trường.',
    },
  ],
  'social-welfare': [
    {
      title: 'Chưa nhận trợ cấp người cao tuổi',
      body: 'Bố tôi đủ 80 tuổi, cư trú tại {place}, đã nộp hồ sơ hưởng trợ cấp xã hội {days} ngày nhưng chưa được giải quyết.',
    },
    {
      title: 'Đề nghị xét hộ cận nghèo',
      body: 'Gia đình tôi tại {hamlet}, {place} có người bị bệnh hiểm nghèo, thu nhập thấp. Đề nghị được xem xét đưa vào danh sách hộ cận nghèo.',
    },
  ],
  'business-regulation': [
    {
      title: 'Kiến nghị đơn giản hóa thủ tục cấp phép kinh doanh',
      body: 'Doanh nghiệp chúng tôi tại {place} phải nộp cùng một loại giấy tờ cho nhiều cơ quan khác nhau. Kiến nghị liên thông dữ liệu để doanh nghiệp chỉ nộp một lần.',
    },
    {
      title: 'Quy định về điều kiện kinh doanh chồng chéo',
      body: 'Quy định hiện hành về điều kiện kinh doanh dịch vụ vận tải có nhiều điểm chồng chéo giữa các văn bản, gây khó khăn cho doanh nghiệp nhỏ tại {place}. Đề nghị rà soát, sửa đổi.',
    },
  ],
  'tax-fees': [
    {
      title: 'Hoàn thuế giá trị gia tăng chậm',
      body: 'Hồ sơ hoàn thuế giá trị gia tăng của doanh nghiệp tại {place} đã quá thời hạn giải quyết {days} ngày. Đề nghị cơ quan thuế giải quyết.',
    },
    {
      title: 'Lệ phí trước bạ tính sai',
      body: 'Khi đăng ký xe tại {place}, tôi bị tính lệ phí trước bạ theo mức cao hơn quy định. Đề nghị kiểm tra lại.',
    },
  ],
  'power-water': [
    {
      title: 'Mất nước sinh hoạt kéo dài',
      body: 'Khu dân cư {hamlet}, {place} bị mất nước sinh hoạt {days} ngày liên tục mà không có thông báo. Đề nghị công ty cấp nước khắc phục và cấp nước tạm.',
    },
    {
      title: 'Hóa đơn tiền điện tăng bất thường',
      body: 'Hóa đơn tiền điện tháng này của gia đình tôi tại {place} tăng gấp ba so với tháng trước dù mức sử dụng không đổi. Đề nghị kiểm tra công tơ.',
    },
  ],
  'digital-services': [
    {
      title: 'Cổng dịch vụ công báo lỗi khi nộp hồ sơ',
      body: 'Khi nộp hồ sơ trực tuyến, hệ thống báo lỗi ở bước thanh toán lệ phí và không lưu được hồ sơ. Tôi đã thử nhiều lần trong {days} ngày.',
    },
    {
      title: 'Không nhận được mã OTP khi đăng nhập',
      body: 'Tôi không nhận được mã OTP để đăng nhập tài khoản định danh điện tử khi làm thủ tục tại {place}. Đề nghị hướng dẫn khắc phục.',
    },
  ],
  'official-conduct': [
    {
      title: 'Cán bộ một cửa gây khó khăn cho người dân',
      body: 'Ngày {date}, khi làm thủ tục tại bộ phận một cửa {place}, cán bộ tiếp nhận yêu cầu nộp thêm giấy tờ không có trong quy định và có thái độ thiếu hòa nhã.',
    },
    {
      title: 'Chậm trả kết quả mà không xin lỗi, không hẹn lại',
      body: 'Hồ sơ của tôi tại {place} quá hẹn {days} ngày nhưng không có phiếu xin lỗi và hẹn lại ngày trả kết quả theo quy định.',
    },
  ],
  complaint: [
    {
      title: 'Khiếu nại quyết định xử phạt vi phạm hành chính',
      body: 'Tôi khiếu nại quyết định xử phạt vi phạm hành chính ngày {date} của cơ quan có thẩm quyền tại {place} vì việc xác định hành vi vi phạm không đúng thực tế.',
    },
    {
      title: 'Khiếu nại quyết định thu hồi đất',
      body: 'Gia đình tôi khiếu nại quyết định thu hồi đất tại {place} do diện tích thu hồi không đúng với diện tích thực tế và chưa được thông báo trước theo quy định.',
    },
  ],
  denunciation: [
    {
      title: 'Tố cáo hành vi thu tiền trái quy định',
      body: 'Tôi tố cáo việc một cán bộ tại {place} yêu cầu người dân nộp tiền "bồi dưỡng" để được giải quyết hồ sơ nhanh. Tôi có thể cung cấp thêm chứng cứ.',
    },
    {
      title: 'Tố cáo khai thác cát trái phép',
      body: 'Tại khu vực bãi sông thuộc {place}, có tàu khai thác cát trái phép vào ban đêm, gây sạt lở bờ. Đề nghị kiểm tra, xử lý.',
    },
  ],
  other: [
    {
      title: 'Góp ý về giờ làm việc của bộ phận một cửa',
      body: 'Đề nghị bộ phận một cửa tại {place} làm việc thêm sáng thứ Bảy để người lao động có thể làm thủ tục.',
    },
    {
      title: 'Đề nghị lắp camera an ninh tại {hamlet}',
      body: 'Thời gian gần đây tại {hamlet}, {place} xảy ra một số vụ trộm cắp xe máy. Đề nghị lắp camera an ninh và tăng cường tuần tra.',
    },
  ],
};

const EN: Template[] = [
  {
    title: 'Broken street lights on {street}',
    body: 'The street lights along {street} in {place} have been off for {days} days. The road is very dark at night and unsafe for pedestrians.',
  },
  {
    title: 'Delay in work permit renewal',
    body: 'I am a foreign resident in {place}. My work permit renewal application has been pending for {days} days without any update.',
  },
  {
    title: 'Garbage not collected',
    body: 'Garbage at the collection point near {street}, {place} has not been picked up for {days} days and smells badly.',
  },
];

export interface DemoText {
  title: string;
  body: string;
}

export function makeSubmissionText(
  random: SeededRandom,
  categoryCode: string,
  placeName: string,
  language: 'vi' | 'en',
): DemoText {
  const template = language === 'en' ? random.pick(EN) : random.pick(VI[categoryCode] ?? VI.other!);
  const slots: Record<string, string> = {
    street: random.pick(STREETS),
    hamlet: random.pick(HAMLETS),
    place: placeName,
    days: String(random.int(3, 45)),
    number: String(random.int(2, 260)),
    date: `${random.int(1, 28)}/${random.int(1, 12)}/2026`,
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? key);
  return { title: fill(template.title), body: fill(template.body) };
}

export const ANSWER_TEXTS = [
  'Đơn vị đã kiểm tra thực tế và giao bộ phận chuyên môn khắc phục. Dự kiến hoàn thành trong 10 ngày làm việc. Cảm ơn ông/bà đã phản ánh.',
  'Sau khi xác minh, nội dung phản ánh là đúng. Đơn vị đã yêu cầu các bên liên quan chấn chỉnh và sẽ tiếp tục giám sát.',
  'Nội dung kiến nghị đã được ghi nhận và tổng hợp để đề xuất sửa đổi quy định trong kỳ rà soát tới.',
  'Hồ sơ của ông/bà đã được giải quyết; kết quả được trả tại bộ phận một cửa. Đơn vị xin lỗi vì sự chậm trễ.',
];

export const QUESTION_TEXTS = [
  'Đề nghị ông/bà cung cấp thêm địa chỉ cụ thể và hình ảnh hiện trạng để đơn vị kiểm tra.',
  'Đề nghị ông/bà cho biết số biên nhận hồ sơ và ngày nộp để tra cứu.',
  'Đề nghị ông/bà bổ sung bản chụp giấy tờ liên quan.',
];
