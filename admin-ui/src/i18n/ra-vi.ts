import type { TranslationMessages } from 'react-admin';

/** react-admin's own words in Vietnamese (every key of ra-language-english 5.15). */
export const raVietnamese: TranslationMessages = {
  ra: {
    action: {
      add_filter: 'Thêm bộ lọc', add: 'Thêm', back: 'Quay lại', bulk_actions: 'Đã chọn 1 mục |||| Đã chọn %{smart_count} mục', cancel: 'Hủy',
      clear_array_input: 'Xóa danh sách', clear_input_value: 'Xóa giá trị', clone: 'Nhân bản', confirm: 'Xác nhận', create: 'Tạo mới', create_item: 'Tạo %{item}',
      delete: 'Xóa', edit: 'Sửa', export: 'Xuất CSV', list: 'Danh sách', refresh: 'Làm mới', remove_filter: 'Bỏ bộ lọc này', remove_all_filters: 'Bỏ mọi bộ lọc',
      remove: 'Bỏ', reset: 'Đặt lại', save: 'Lưu', search: 'Tìm kiếm', search_columns: 'Tìm cột', select_all: 'Chọn tất cả', select_all_button: 'Chọn tất cả',
      select_row: 'Chọn dòng này', show: 'Xem', sort: 'Sắp xếp', undo: 'Hoàn tác', unselect: 'Bỏ chọn', expand: 'Mở rộng', close: 'Đóng', open_menu: 'Mở menu',
      close_menu: 'Đóng menu', update: 'Cập nhật', move_up: 'Lên trên', move_down: 'Xuống dưới', open: 'Mở', toggle_theme: 'Chế độ sáng/tối', select_columns: 'Cột',
      update_application: 'Tải lại ứng dụng',
    },
    boolean: { true: 'Có', false: 'Không', null: ' ' },
    page: {
      create: 'Tạo %{name}', dashboard: 'Tổng quan', edit: '%{name} %{recordRepresentation}', error: 'Đã có lỗi xảy ra', list: '%{name}', loading: 'Đang tải',
      not_found: 'Không tìm thấy', show: '%{name} %{recordRepresentation}', empty: 'Chưa có %{name}.', invite: 'Bạn có muốn thêm không?', access_denied: 'Không có quyền truy cập',
      authentication_error: 'Lỗi xác thực',
    },
    input: {
      file: { upload_several: 'Kéo thả tệp vào đây, hoặc bấm để chọn.', upload_single: 'Kéo thả một tệp vào đây, hoặc bấm để chọn.' },
      image: { upload_several: 'Kéo thả ảnh vào đây, hoặc bấm để chọn.', upload_single: 'Kéo thả một ảnh vào đây, hoặc bấm để chọn.' },
      references: { all_missing: 'Không tìm thấy dữ liệu liên quan.', many_missing: 'Có dữ liệu liên quan không còn tồn tại.', single_missing: 'Dữ liệu liên quan không còn tồn tại.' },
      password: { toggle_visible: 'Ẩn mật khẩu', toggle_hidden: 'Hiện mật khẩu' },
    },
    message: {
      about: 'Giới thiệu', access_denied: 'Bạn không có quyền truy cập trang này', are_you_sure: 'Bạn có chắc chắn?',
      authentication_error: 'Máy chủ xác thực báo lỗi, không kiểm tra được thông tin đăng nhập.', auth_error: 'Có lỗi khi kiểm tra mã đăng nhập.',
      bulk_delete_content: 'Xóa %{name} này? |||| Xóa %{smart_count} mục này?', bulk_delete_title: 'Xóa %{name} |||| Xóa %{smart_count} %{name}',
      bulk_update_content: 'Cập nhật %{name} %{recordRepresentation}? |||| Cập nhật %{smart_count} mục này?', bulk_update_title: 'Cập nhật %{name} %{recordRepresentation} |||| Cập nhật %{smart_count} %{name}',
      clear_array_input: 'Xóa toàn bộ danh sách?', delete_content: 'Xóa %{name} này?', delete_title: 'Xóa %{name} %{recordRepresentation}', details: 'Chi tiết',
      error: 'Có lỗi phía trình duyệt, yêu cầu chưa thực hiện được.', invalid_form: 'Biểu mẫu chưa hợp lệ, xin kiểm tra các lỗi', loading: 'Xin chờ', no: 'Không',
      not_found: 'Địa chỉ không đúng hoặc liên kết đã hỏng.', select_all_limit_reached: 'Quá nhiều mục để chọn hết; chỉ %{max} mục đầu được chọn.',
      unsaved_changes: 'Có thay đổi chưa lưu. Bỏ qua các thay đổi này?', yes: 'Có', placeholder_data_warning: 'Lỗi mạng: chưa làm mới được dữ liệu.',
    },
    navigation: {
      clear_filters: 'Bỏ bộ lọc', no_filtered_results: 'Không có %{name} phù hợp với bộ lọc.', no_results: 'Không có %{name}',
      no_more_results: 'Trang %{page} vượt quá giới hạn. Hãy về trang trước.', page_out_of_boundaries: 'Trang %{page} vượt quá giới hạn',
      page_out_from_end: 'Đã là trang cuối', page_out_from_begin: 'Đã là trang đầu', page_range_info: '%{offsetBegin}-%{offsetEnd} / %{total}',
      partial_page_range_info: '%{offsetBegin}-%{offsetEnd} / hơn %{offsetEnd}', current_page: 'Trang %{page}', page: 'Đến trang %{page}', first: 'Trang đầu',
      last: 'Trang cuối', next: 'Trang sau', previous: 'Trang trước', page_rows_per_page: 'Số dòng mỗi trang:', skip_nav: 'Bỏ qua đến nội dung',
    },
    sort: { sort_by: 'Sắp xếp theo %{field_lower_first} %{order}', ASC: 'tăng dần', DESC: 'giảm dần' },
    auth: {
      auth_check_error: 'Xin đăng nhập để tiếp tục', user_menu: 'Tài khoản', username: 'Thư điện tử', password: 'Mật khẩu', email: 'Thư điện tử', sign_in: 'Đăng nhập',
      sign_in_error: 'Đăng nhập không thành công, xin thử lại', logout: 'Đăng xuất',
    },
    notification: {
      updated: 'Đã cập nhật |||| Đã cập nhật %{smart_count} mục', created: 'Đã tạo', deleted: 'Đã xóa |||| Đã xóa %{smart_count} mục', bad_item: 'Mục không đúng',
      item_doesnt_exist: 'Mục không tồn tại', http_error: 'Lỗi kết nối máy chủ', data_provider_error: 'Lỗi dữ liệu. Xem chi tiết trong console.',
      i18n_error: 'Không tải được bản dịch cho ngôn ngữ này', canceled: 'Đã hủy thao tác', logged_out: 'Phiên làm việc đã hết, xin đăng nhập lại.',
      not_authorized: 'Bạn không có quyền truy cập mục này.', application_update_available: 'Đã có phiên bản mới.', offline: 'Mất kết nối. Không tải được dữ liệu.',
    },
    validation: {
      required: 'Bắt buộc', minLength: 'Ít nhất %{min} ký tự', maxLength: 'Tối đa %{max} ký tự', minValue: 'Ít nhất %{min}', maxValue: 'Tối đa %{max}', number: 'Phải là số',
      email: 'Phải là địa chỉ thư điện tử', oneOf: 'Phải là một trong: %{options}', regex: 'Phải đúng định dạng: %{pattern}', unique: 'Phải là duy nhất',
    },
    saved_queries: {
      label: 'Bộ lọc đã lưu', query_name: 'Tên bộ lọc', new_label: 'Lưu bộ lọc hiện tại…', new_dialog_title: 'Lưu bộ lọc hiện tại với tên', remove_label: 'Xóa bộ lọc đã lưu',
      remove_label_with_name: 'Xóa bộ lọc "%{name}"', remove_dialog_title: 'Xóa bộ lọc đã lưu?', remove_message: 'Xóa bộ lọc này khỏi danh sách đã lưu?',
      help: 'Lọc danh sách rồi lưu bộ lọc để dùng lại',
    },
    guesser: { empty: { title: 'Không có dữ liệu', message: 'Xin kiểm tra nguồn dữ liệu' } },
    configurable: {
      customize: 'Tùy chỉnh', configureMode: 'Tùy chỉnh trang này',
      inspector: { title: 'Trình kiểm tra', content: 'Di chuột lên các thành phần để tùy chỉnh', reset: 'Đặt lại', hideAll: 'Ẩn tất cả', showAll: 'Hiện tất cả' },
      Datagrid: { title: 'Bảng', unlabeled: 'Cột không tên #%{column}' },
      SimpleForm: { title: 'Biểu mẫu', unlabeled: 'Ô nhập không tên #%{input}' },
      SimpleList: { title: 'Danh sách', primaryText: 'Dòng chính', secondaryText: 'Dòng phụ', tertiaryText: 'Dòng thứ ba' },
    },
  },
};
