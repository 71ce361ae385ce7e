/** CauNoi's own words in the admin UI; every key exists in both languages (checked by the type). */
const vi = {
  resources: {
    cases: {
      name: 'Hồ sơ |||| Hồ sơ',
      fields: {
        trackingCode: 'Mã hồ sơ', title: 'Tiêu đề', status: 'Trạng thái', channel: 'Kênh', owningUnit: 'Đơn vị xử lý', 'owningUnit.name': 'Đơn vị xử lý', receivedAt: 'Ngày nhận',
        nextDueAt: 'Hạn', resolveDueAt: 'Hạn giải quyết', escalationLevel: 'Cấp cảnh báo', category: 'Lĩnh vực', categoryCode: 'Lĩnh vực', q: 'Tìm kiếm', overdue: 'Quá hạn', unitCode: 'Đơn vị (cả cấp dưới)',
        assignee: 'Người xử lý', citizenName: 'Công dân', sla: 'Thời hạn',
      },
    },
    inbound: { name: 'Tin đến lỗi |||| Tin đến lỗi', fields: { channel: 'Kênh', externalId: 'Mã bên gửi', status: 'Trạng thái', attempts: 'Số lần xử lý', error: 'Lỗi', receivedAt: 'Nhận lúc', trackingCode: 'Hồ sơ' } },
    'org-units': { name: 'Đơn vị |||| Đơn vị', fields: { code: 'Mã', nameVi: 'Tên', level: 'Cấp', kind: 'Loại', parentCode: 'Đơn vị cấp trên', isRemoteArea: 'Vùng khó khăn', q: 'Tìm đơn vị' } },
    categories: { name: 'Lĩnh vực |||| Lĩnh vực', fields: { code: 'Mã', nameVi: 'Tên', nameEn: 'Tên tiếng Anh', legalTrack: 'Loại việc', sector: 'Ngành', responsibleUnit: 'Bộ, ngành phụ trách', defaultLevel: 'Cấp xử lý mặc định', active: 'Đang dùng' } },
    'sla-rules': { name: 'Thời hạn (SLA) |||| Thời hạn (SLA)', fields: { code: 'Mã', legalTrack: 'Loại việc', category: 'Lĩnh vực', clock: 'Mốc', amount: 'Số lượng', unit: 'Đơn vị tính', remoteAreaAmount: 'Vùng khó khăn', maxExtensions: 'Số lần gia hạn', effectiveFrom: 'Hiệu lực từ', effectiveTo: 'Đến', verified: 'Đã đối chiếu', source: 'Căn cứ', sourceEn: 'Căn cứ (bản tiếng Anh)' } },
    'calendar-days': { name: 'Lịch làm việc |||| Lịch làm việc', fields: { date: 'Ngày', kind: 'Loại', name: 'Tên', active: 'Áp dụng', verified: 'Đã đối chiếu', source: 'Căn cứ', sourceEn: 'Căn cứ (bản tiếng Anh)', year: 'Năm', compensate: 'Nghỉ bù' } },
    users: { name: 'Người dùng |||| Người dùng', fields: { name: 'Họ tên', email: 'Thư điện tử', role: 'Vai trò', unitName: 'Đơn vị', unitCode: 'Đơn vị', language: 'Ngôn ngữ', active: 'Hoạt động', lastLoginAt: 'Đăng nhập gần nhất', password: 'Mật khẩu mới' } },
    'zalo-oas': { name: 'Zalo OA |||| Zalo OA', fields: { oaId: 'Mã OA', name: 'Tên', unitName: 'Đơn vị', appId: 'Mã ứng dụng', authorised: 'Đã cấp quyền', tokenExpiresAt: 'Token hết hạn', active: 'Hoạt động', oaSecretKey: 'OA Secret Key (để trống: giữ nguyên)', appSecret: 'App Secret (để trống: giữ nguyên)', refreshToken: 'Refresh token mới (cấp quyền lại)' } },
    outbox: { name: 'Thư gửi lỗi |||| Thư gửi lỗi', fields: { kind: 'Loại', template: 'Mẫu', status: 'Trạng thái', attempts: 'Số lần gửi', lastError: 'Lỗi', createdAt: 'Tạo lúc', trackingCode: 'Hồ sơ' } },
  },
  caunoi: {
    appTitle: 'CauNoi — Phản ánh, kiến nghị',
    auth: { wrong: 'Sai thư điện tử hoặc mật khẩu', expired: 'Phiên đăng nhập đã hết' },
    status: { received: 'Đã nhận', triage: 'Chờ phân loại', routed: 'Đã chuyển đơn vị', inProgress: 'Đang giải quyết', awaitingCitizen: 'Chờ công dân bổ sung', resolved: 'Đã trả lời', closed: 'Đã đóng', rejected: 'Không tiếp nhận', merged: 'Đã gộp' },
    channel: { portal: 'Cổng', email: 'Thư điện tử', zalo: 'Zalo', api: 'API' },
    sla: { overdue: 'Quá hạn %{time}', left: 'Còn %{time}', paused: 'Tạm dừng chờ công dân', none: '—', days: '%{n} ngày', hours: '%{n} giờ' },
    escalation: 'Cấp %{level}',
    transition: {
      route: 'Chuyển đơn vị xử lý', accept: 'Thụ lý', transfer: 'Chuyển đơn vị khác', refuseTransfer: 'Trả lại (không đúng thẩm quyền)', reject: 'Không tiếp nhận', merge: 'Gộp hồ sơ',
      requestInfo: 'Đề nghị bổ sung', respond: 'Trả lời', close: 'Đóng hồ sơ', urge: 'Đôn đốc', assign: 'Giao xử lý', extendDeadline: 'Gia hạn',
    },
    field: { reason: 'Lý do', question: 'Câu hỏi cho công dân', answer: 'Nội dung trả lời', unitCode: 'Đơn vị nhận (gõ tên hoặc mã)', officerId: 'Cán bộ (mã số)', intoCaseId: 'Gộp vào hồ sơ', note: 'Nội dung đôn đốc' },
    template: { label: 'Mẫu trả lời', thanks: 'Cảm ơn ông/bà đã phản ánh. Cơ quan đã kiểm tra và xử lý như sau: ', outOfScope: 'Nội dung phản ánh không thuộc thẩm quyền của đơn vị; đã chuyển đến cơ quan có thẩm quyền.' },
    case: {
      citizenMessage: 'Nội dung phản ánh', conversation: 'Trao đổi với công dân', timeline: 'Quá trình xử lý', deadlines: 'Thời hạn', actions: 'Xử lý', attachments: 'Tệp đính kèm',
      citizen: 'Công dân', noContact: 'Không hiển thị thông tin liên hệ', none: 'Công dân không để lại thông tin liên hệ', inbound: 'Công dân', outbound: 'Cơ quan', paused: 'Đang tạm dừng từ %{since}',
      conflict: 'Người khác vừa thay đổi hồ sơ này. Đã tải lại bản mới nhất; xin kiểm tra rồi thao tác lại.', done: 'Đã thực hiện: %{action}', duplicates: 'Hồ sơ có thể trùng', noDuplicates: 'Không thấy hồ sơ tương tự',
      clock: { acknowledge: 'Xác nhận tiếp nhận', transfer: 'Chuyển nếu không thuộc thẩm quyền', accept: 'Thụ lý', resolve: 'Giải quyết', citizenReply: 'Công dân bổ sung', autoClose: 'Tự động đóng' },
    },
    event: {
      SUBMITTED: 'Tiếp nhận', ROUTED: 'Chuyển đơn vị', TRANSFERRED: 'Chuyển đơn vị khác', TRANSFER_REFUSED: 'Trả lại', ACCEPTED: 'Thụ lý', REJECTED: 'Không tiếp nhận', MERGED: 'Gộp hồ sơ',
      INFO_REQUESTED: 'Đề nghị bổ sung', CITIZEN_REPLIED: 'Công dân bổ sung', CITIZEN_MESSAGE: 'Công dân gửi thêm', INFO_TIMED_OUT: 'Quá hạn bổ sung', RESPONDED: 'Trả lời', REOPENED: 'Mở lại',
      CLOSED: 'Đóng', RESOLVE_TIMED_OUT: 'Tự động đóng', SLA_WARNING: 'Sắp đến hạn', SLA_BREACHED: 'Quá hạn, báo cáo lên cấp trên', URGED: 'Đôn đốc', ASSIGNED: 'Giao xử lý', DEADLINE_EXTENDED: 'Gia hạn',
    },
    delivery: { received: 'đã nhận', queued: 'chờ gửi', sent: 'đã gửi', delivered: 'đã đến', seen: 'đã xem', failed: 'gửi lỗi' },
    live: { created: 'Hồ sơ mới: %{code} — %{title}', escalated: 'Cảnh báo cấp %{level}: %{code}', updated: 'Hồ sơ vừa được cập nhật' },
    dashboard: {
      title: 'Tổng quan toàn quốc', unitTitle: 'Tổng quan: %{unit}', trend: 'Xu hướng 8 tuần (theo ngày nhận)', received: 'Đã nhận', open: 'Đang mở', overdue: 'Quá hạn', onTime: 'Đúng hạn', escalations: 'Cảnh báo theo cấp', aging: 'Quá hạn theo số ngày làm việc',
      byUnit: 'Tỷ lệ đúng hạn theo đơn vị', topOverdue: 'Đơn vị quá hạn nhiều nhất', csv: 'Tải CSV', level: 'Cấp %{n}', unit: 'Đơn vị', cases: 'Xem hồ sơ', byProvince: 'Tỉnh, thành phố', byMinistry: 'Bộ, ngành', scope: 'Phạm vi',
    },
    queue: { retry: 'Xử lý lại', retried: 'Đã xử lý lại', raw: 'Tải bản gốc' },
    inboundStatus: { pending: 'Chờ xử lý', processed: 'Đã xử lý', failed: 'Lỗi (cách ly nếu lặp lại)', rejected: 'Bị từ chối', ignored: 'Bỏ qua' },
    outboxStatus: { pending: 'Chờ gửi', sending: 'Đang gửi', retrying: 'Chờ gửi lại', dead: 'Không gửi được' },
    outboxKind: { email: 'Thư điện tử', zalo: 'Zalo', socket: 'Thông báo trực tiếp' },
    reference: { below: '%{n} đơn vị trực thuộc', allCategories: 'Mọi lĩnh vực của loại việc' },
    bulk: { transfer: 'Chuyển đơn vị', assign: 'Nhận xử lý', urge: 'Đôn đốc', result: 'Đã thực hiện %{done} hồ sơ; %{refused} hồ sơ không được phép (%{codes})' },
    actor: { citizen: 'Công dân', system: 'Hệ thống' },
    role: { officer: 'Cán bộ', supervisor: 'Lãnh đạo đơn vị', govOffice: 'Theo dõi (VPCP)', admin: 'Quản trị' },
    level: { governmentOffice: 'Văn phòng Chính phủ', ministry: 'Bộ', ministerialAgency: 'Cơ quan ngang bộ', province: 'Tỉnh, thành phố', commune: 'Xã, phường' },
    legalTrack: { pakn: 'Phản ánh, kiến nghị', conduct: 'Hành vi cán bộ', complaint: 'Khiếu nại', denunciation: 'Tố cáo' },
    periodUnit: { workingDays: 'ngày làm việc', days: 'ngày', hours: 'giờ' },
    dayKind: { holiday: 'Ngày nghỉ', workingDay: 'Ngày làm bù' },
    language: 'Ngôn ngữ',
  },
};

type Messages = typeof vi;

const en: Messages = {
  resources: {
    cases: {
      name: 'Case |||| Cases',
      fields: {
        trackingCode: 'Tracking code', title: 'Title', status: 'Status', channel: 'Channel', owningUnit: 'Handled by', 'owningUnit.name': 'Handled by', receivedAt: 'Received',
        nextDueAt: 'Due', resolveDueAt: 'Resolve by', escalationLevel: 'Escalation', category: 'Topic', categoryCode: 'Topic', q: 'Search', overdue: 'Overdue', unitCode: 'Unit (with units below)',
        assignee: 'Assignee', citizenName: 'Citizen', sla: 'Deadline',
      },
    },
    inbound: { name: 'Failed inbound item |||| Failed inbound items', fields: { channel: 'Channel', externalId: 'Sender id', status: 'Status', attempts: 'Attempts', error: 'Error', receivedAt: 'Received', trackingCode: 'Case' } },
    'org-units': { name: 'Unit |||| Units', fields: { code: 'Code', nameVi: 'Name', level: 'Level', kind: 'Kind', parentCode: 'Parent unit', isRemoteArea: 'Remote area', q: 'Find a unit' } },
    categories: { name: 'Topic |||| Topics', fields: { code: 'Code', nameVi: 'Name (Vietnamese)', nameEn: 'Name (English)', legalTrack: 'Legal track', sector: 'Sector', responsibleUnit: 'Responsible ministry', defaultLevel: 'Default level', active: 'Active' } },
    'sla-rules': { name: 'SLA rule |||| SLA rules', fields: { code: 'Code', legalTrack: 'Legal track', category: 'Topic', clock: 'Clock', amount: 'Amount', unit: 'Unit', remoteAreaAmount: 'Remote areas', maxExtensions: 'Extensions', effectiveFrom: 'From', effectiveTo: 'To', verified: 'Verified', source: 'Legal basis (Vietnamese, as cited)', sourceEn: 'Legal basis (English)' } },
    'calendar-days': { name: 'Calendar day |||| Calendar', fields: { date: 'Date', kind: 'Kind', name: 'Name', active: 'Applies', verified: 'Verified', source: 'Basis (Vietnamese, as cited)', sourceEn: 'Basis (English)', year: 'Year', compensate: 'Compensated' } },
    users: { name: 'User |||| Users', fields: { name: 'Name', email: 'Email', role: 'Role', unitName: 'Unit', unitCode: 'Unit', language: 'Language', active: 'Active', lastLoginAt: 'Last login', password: 'New password' } },
    'zalo-oas': { name: 'Zalo OA |||| Zalo OAs', fields: { oaId: 'OA id', name: 'Name', unitName: 'Unit', appId: 'App id', authorised: 'Authorised', tokenExpiresAt: 'Token expires', active: 'Active', oaSecretKey: 'OA secret key (empty: keep)', appSecret: 'App secret (empty: keep)', refreshToken: 'New refresh token (re-authorise)' } },
    outbox: { name: 'Dead letter |||| Dead letters', fields: { kind: 'Kind', template: 'Template', status: 'Status', attempts: 'Attempts', lastError: 'Error', createdAt: 'Created', trackingCode: 'Case' } },
  },
  caunoi: {
    appTitle: 'CauNoi — Feedback and petitions',
    auth: { wrong: 'Wrong email or password', expired: 'Your session has ended' },
    status: { received: 'Received', triage: 'Triage', routed: 'Routed', inProgress: 'In progress', awaitingCitizen: 'Awaiting the citizen', resolved: 'Answered', closed: 'Closed', rejected: 'Rejected', merged: 'Merged' },
    channel: { portal: 'Portal', email: 'Email', zalo: 'Zalo', api: 'API' },
    sla: { overdue: 'Overdue by %{time}', left: '%{time} left', paused: 'Paused for the citizen', none: '—', days: '%{n} days', hours: '%{n} h' },
    escalation: 'Level %{level}',
    transition: {
      route: 'Route', accept: 'Accept', transfer: 'Transfer', refuseTransfer: 'Refuse transfer', reject: 'Reject', merge: 'Merge', requestInfo: 'Ask the citizen', respond: 'Answer',
      close: 'Close', urge: 'Urge', assign: 'Assign', extendDeadline: 'Extend deadline',
    },
    field: { reason: 'Reason', question: 'Question to the citizen', answer: 'Answer', unitCode: 'Receiving unit (type a name or code)', officerId: 'Officer (id)', intoCaseId: 'Merge into case', note: 'Note' },
    template: { label: 'Answer template', thanks: 'Thank you for your feedback. The authority checked the matter and acted as follows: ', outOfScope: 'This matter is outside our unit’s competence; it has been sent to the competent authority.' },
    case: {
      citizenMessage: 'Submission', conversation: 'Conversation with the citizen', timeline: 'Timeline', deadlines: 'Deadlines', actions: 'Actions', attachments: 'Attachments',
      citizen: 'Citizen', noContact: 'Contact data not shown', none: 'The citizen left no contact details', inbound: 'Citizen', outbound: 'Authority', paused: 'Paused since %{since}',
      conflict: 'Someone else changed this case. The latest version is loaded; please check it and act again.', done: 'Done: %{action}', duplicates: 'Possible duplicates', noDuplicates: 'No similar cases found',
      clock: { acknowledge: 'Acknowledge', transfer: 'Transfer if not competent', accept: 'Accept', resolve: 'Resolve', citizenReply: 'Citizen reply', autoClose: 'Auto-close' },
    },
    event: {
      SUBMITTED: 'Submitted', ROUTED: 'Routed', TRANSFERRED: 'Transferred', TRANSFER_REFUSED: 'Transfer refused', ACCEPTED: 'Accepted', REJECTED: 'Rejected', MERGED: 'Merged',
      INFO_REQUESTED: 'Information requested', CITIZEN_REPLIED: 'Citizen replied', CITIZEN_MESSAGE: 'Citizen wrote', INFO_TIMED_OUT: 'Reply period ended', RESPONDED: 'Answered', REOPENED: 'Reopened',
      CLOSED: 'Closed', RESOLVE_TIMED_OUT: 'Closed automatically', SLA_WARNING: 'Deadline approaching', SLA_BREACHED: 'Overdue, escalated', URGED: 'Urged', ASSIGNED: 'Assigned', DEADLINE_EXTENDED: 'Deadline extended',
    },
    delivery: { received: 'received', queued: 'queued', sent: 'sent', delivered: 'delivered', seen: 'seen', failed: 'failed' },
    live: { created: 'New case: %{code} — %{title}', escalated: 'Escalated to level %{level}: %{code}', updated: 'This case was just updated' },
    dashboard: {
      title: 'National overview', unitTitle: 'Overview: %{unit}', trend: 'Last eight weeks (by receipt date)', received: 'Received', open: 'Open', overdue: 'Overdue', onTime: 'On time', escalations: 'Escalations by level', aging: 'Overdue by working days',
      byUnit: 'On-time rate by unit', topOverdue: 'Units with the most overdue cases', csv: 'Download CSV', level: 'Level %{n}', unit: 'Unit', cases: 'Open cases', byProvince: 'Provinces', byMinistry: 'Ministries', scope: 'Scope',
    },
    queue: { retry: 'Retry', retried: 'Retried', raw: 'Download raw' },
    inboundStatus: { pending: 'Pending', processed: 'Processed', failed: 'Failed (quarantined if repeated)', rejected: 'Refused', ignored: 'Ignored' },
    outboxStatus: { pending: 'Pending', sending: 'Sending', retrying: 'Waiting to retry', dead: 'Undeliverable' },
    outboxKind: { email: 'Email', zalo: 'Zalo', socket: 'Live update' },
    reference: { below: '%{n} units below', allCategories: 'Every topic of the legal track' },
    bulk: { transfer: 'Transfer', assign: 'Take', urge: 'Urge', result: 'Done for %{done} cases; %{refused} not allowed (%{codes})' },
    actor: { citizen: 'Citizen', system: 'System' },
    role: { officer: 'Officer', supervisor: 'Unit head', govOffice: 'Oversight (Government Office)', admin: 'Administrator' },
    level: { governmentOffice: 'Government Office', ministry: 'Ministry', ministerialAgency: 'Ministerial-level agency', province: 'Province', commune: 'Commune' },
    legalTrack: { pakn: 'Feedback and petitions', conduct: 'Officials’ conduct', complaint: 'Complaint', denunciation: 'Denunciation' },
    periodUnit: { workingDays: 'working days', days: 'days', hours: 'hours' },
    dayKind: { holiday: 'Day off', workingDay: 'Make-up working day' },
    language: 'Language',
  },
};

export const appMessages = { vi, en };
