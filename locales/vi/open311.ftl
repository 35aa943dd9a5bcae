open311-contact = Đơn vị vận hành hệ thống này (liên hệ Sở Y tế tỉnh/thành phố)
open311-key-service = Liên hệ đơn vị vận hành hệ thống này để được cấp khoá API, nêu tên hệ thống của bạn.
open311-group = Mã QR check-in
open311-description-no_poster = Cơ sở phải dán mã QR check-in ở lối vào nhưng không dán.
open311-description-wrong_info = Mã QR dán tại cơ sở mang thông tin sai (của cơ sở khác, nơi khác, hoặc giả mạo).
open311-description-unscannable = Mã QR dán tại cơ sở không quét được (mờ, rách, bị che).
open311-keywords-no_poster = không có mã, thiếu mã, mã QR, check-in
open311-keywords-wrong_info = sai mã, mã giả, mã cơ sở khác, mã QR, check-in
open311-keywords-unscannable = không quét được, mã mờ, mã rách, mã QR, check-in
open311-attr-venue_code = Mã cơ sở trong sổ đăng ký, nếu biết (ví dụ { $example }).
open311-attr-ward_code = Mã phường/xã chịu trách nhiệm (ví dụ { $example }), chỉ dùng khi vị trí không nằm trong ranh giới phường/xã nào và không biết cơ sở.
open311-attr-if_readable = Nếu máy chủ vẫn đọc được mã trên ảnh, vẫn gửi báo cáo «không quét được»?
open311-attr-if_official = Nếu mã trên ảnh đúng là mã chính thức của cơ sở tại đây, vẫn gửi báo cáo «sai thông tin»?
open311-choice-file = Vẫn gửi
open311-choice-drop = Không gửi
open311-datatype-code = Chữ và số, tối đa 64 ký tự
open311-notice-filed = Đã nhận báo cáo { $number } ({ $merged ->
    [yes] gộp vào báo cáo đang mở { $number } của { $ward }, trạng thái: { $state }
   *[no] báo cáo mới
}). Phường/xã chịu trách nhiệm: { $ward }. Kết quả kiểm tra mã: { $verdict }.
open311-notice-media-url = media_url không được tải về; hãy gửi ảnh trong trường tệp «media».
open311-error-api-key = Thiếu khoá API (api_key) hoặc khoá không hợp lệ.
open311-error-scope = Khoá API này chỉ dùng cho tỉnh/thành phố { $province }.
open311-error-rate = Quá nhiều yêu cầu; hãy thử lại sau { $seconds } giây.
open311-error-not-found = Không tìm thấy { $what }.
open311-error-jurisdiction = Không có jurisdiction_id { $id } ở đây; điểm cuối này phục vụ { $ids } (hoặc không gửi).
open311-error-service-code-missing = Thiếu service_code.
open311-error-service-code = Không có service_code { $code }.
open311-error-location = Thiếu vị trí: cần lat và long, hoặc address_string kèm attribute[venue_code] hay attribute[ward_code].
open311-error-lat-long = lat và long phải là toạ độ WGS84 hợp lệ.
open311-error-attribute = attribute[{ $code }] không phải thuộc tính của dịch vụ này; dịch vụ có { $known }.
open311-error-attribute-required = Thiếu attribute[{ $code }].
open311-error-text-too-long = { $field } dài quá { $max } ký tự.
open311-error-date = { $field } không phải thời điểm ISO 8601 có múi giờ.
open311-error-param = Tham số không hợp lệ: { $name }.
open311-error-status = status chỉ nhận open, closed.
open311-error-page = { $field } phải là số nguyên từ 1 đến { $max }.
open311-error-media = Tệp media không phải ảnh dùng được (JPEG, PNG, WebP).
open311-error-media-count = Chỉ nhận một tệp media.
open311-error-busy = Máy chủ đang bận đọc ảnh; hãy thử lại sau ít phút.
open311-error-no-ward = Vị trí nằm ngoài mọi phường/xã đã biết; hãy gửi attribute[venue_code] hoặc attribute[ward_code].
open311-error-other-province = Vị trí thuộc tỉnh/thành phố khác với phạm vi của khoá API.
open311-error-code-readable = Máy chủ đọc được mã trên ảnh nên báo cáo «không quét được» không được gửi (attribute[if_readable]=drop).
open311-error-code-official = Mã trên ảnh là mã chính thức của cơ sở tại đây nên báo cáo «sai thông tin» không được gửi (attribute[if_official]=drop).
open311-error-too-large = Nội dung gửi lên quá lớn (tối đa { $size }).
open311-error-content-type = Chỉ nhận application/x-www-form-urlencoded hoặc multipart/form-data.
open311-error-bad-request = Yêu cầu không hợp lệ.
open311-error-internal = Lỗi máy chủ; yêu cầu đã được ghi lại để kiểm tra.
open311-error-attribute-choice = attribute[{ $code }] phải là một trong { $choices }.
open311-error-attribute-code = attribute[{ $code }] chỉ gồm chữ, số, - hoặc _ (tối đa 64 ký tự).
open311-error-no-venue = attribute[venue_code]: không có cơ sở nào mang mã { $code }.
open311-error-no-ward-code = attribute[ward_code]: không có phường/xã nào mang mã { $code }.
open311-error-span = Khoảng từ start_date đến end_date không được dài quá { $days } ngày (và end_date không được trước start_date).
open311-error-header-too-large = Phần đầu (header) của yêu cầu quá lớn (tối đa { $size } tổng cộng).
open311-error-too-many-parts = Biểu mẫu có quá nhiều phần (tối đa { $fields } trường và một tệp media).
