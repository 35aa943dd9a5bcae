card-title = 📋 { $number } · { $state }
card-type = Loại vi phạm: { $type }
card-verdict = Đối chiếu mã QR: { $verdict }
card-venue = Cơ sở: { $venue }
card-code-owner = Mã này của: { $venue }, { $address }
card-code-owner-far = Mã này của: { $venue }, { $address } (cách nơi báo cáo { $distance } m)
card-address = Địa chỉ: { $address }
card-reports = Số báo cáo gộp: { $count }
card-age = Đã mở: { $hours } giờ
card-deadline = Hạn: { $at }
btn-ack = ✅ Tiếp nhận
btn-insp = 🔍 Bắt đầu kiểm tra
btn-cv = ⚠️ Đóng: xác nhận vi phạm
btn-nv = 👌 Đóng: không vi phạm
btn-er = Xử lý: nhắc nhở
btn-ew = Xử lý: cảnh cáo
btn-es = Xử lý: quyết định đình chỉ
btn-rw = ↩️ Trả về phường/xã
staff-action-done = Đã cập nhật: { $state }
refused-not_found = Không tìm thấy báo cáo này.
refused-forbidden = Xin lỗi, bạn không có quyền thực hiện thao tác này với báo cáo này.
refused-hidden = Không được phép hoặc không tìm thấy báo cáo này.
refused-revoked = Tài khoản cán bộ của bạn đã bị thu hồi.
refused-invalid_state = Thao tác này không còn phù hợp với trạng thái hiện tại của báo cáo.
refused-stale = Người khác vừa cập nhật báo cáo này trước bạn. Thẻ đã được làm mới.
refused-invalid_target = Phường/xã hoặc báo cáo đích không hợp lệ.
refused-no_venue = Báo cáo chưa gắn với cơ sở nào nên không thể đình chỉ.
refused-already_decided = Biện pháp xử lý đã được quyết định.
invite-unknown = Lời mời không hợp lệ.
invite-used = Lời mời này đã được sử dụng.
invite-expired = Lời mời này đã hết hạn. Vui lòng xin lời mời mới.
invite-welcome-officer = Chào mừng! Bạn là cán bộ của { $scope }. Thêm bot vào nhóm của phường và gửi /bindgroup trong nhóm. Lệnh: /queue, /ticket, /overdue, /stats, /web
invite-welcome-supervisor = Chào mừng! Bạn giám sát { $scope } và sẽ nhận báo cáo quá hạn. Lệnh: /overdue, /stats, /ticket, /web
invite-welcome-enforcement = Chào mừng! Bạn thuộc đội xử lý vi phạm của { $scope }. Lệnh: /ticket, /overdue, /stats, /web
invite-welcome-registry = Chào mừng! Bạn quản lý danh bạ mã QR và dữ liệu quét mã của { $scope }: nhập dữ liệu, xem mức tuân thủ theo phường/xã, lập danh sách kiểm tra. Lệnh: /compliance, /inspections, /web
invite-welcome-admin = Chào mừng! Bạn là quản trị viên. Bảng điều khiển trên web: /web
invite-welcome-resident = Chào mừng!
bindgroup-refused = Chỉ cán bộ phường/xã mới liên kết được nhóm.
bindgroup-done = Nhóm này đã được liên kết với { $ward }. Báo cáo mới sẽ được gửi vào đây.
staff-only = Lệnh này dành cho cán bộ.
staff-ticket-not-found = Không tìm thấy báo cáo này trong phạm vi của bạn.
queue-empty = Không có báo cáo nào đang mở. 🎉
queue-title = Báo cáo đang mở (trang { $page }/{ $pages }, tổng { $total }):
queue-line = • { $number } · { $state } · { $type }
overdue-none = Không có báo cáo quá hạn.
overdue-title = { $count } báo cáo quá hạn:
overdue-line = • { $number } ({ $ward }): trễ hạn { $missed }
deadline-acknowledge = tiếp nhận
deadline-close = xử lý xong
stats-title = Thống kê 7 ngày qua:
stats-line = { $ward }: mở { $opened }, đóng { $closed }, trung vị tiếp nhận { $ack } giờ, xử lý { $close } giờ, đúng hạn { $ontime }%, quá hạn { $overdue }, cơ sở vi phạm { $violating }/{ $registered }, nguồn: người dân { $residents }, danh sách kiểm tra { $inspections }
stats-total = Cả { $wards } phường, xã: mở { $opened }, đóng { $closed }, quá hạn { $overdue }.
stats-page = Các phường, xã cần chú ý trước (trang { $page }/{ $pages }):
stats-more = Trang sau: /stats { $next } (trong { $pages } trang). Bảng đầy đủ ở trang quản trị: /web
stats-last = Hết danh sách. Bảng đầy đủ ở trang quản trị: /web
remind-acknowledge = ⏰ Báo cáo { $number } cần được tiếp nhận trước { $at }.
remind-close = ⏰ Báo cáo { $number } cần được xử lý xong trước { $at }.
escalate-acknowledge = 🚨 Báo cáo { $number } của { $ward } chưa được tiếp nhận, hạn đã qua ({ $at }).
escalate-close = 🚨 Báo cáo { $number } của { $ward } chưa được xử lý xong, hạn đã qua ({ $at }).
usage-note = Cách dùng: /note <số báo cáo> <ghi chú>
usage-reply = Cách dùng: /reply <số báo cáo> <lời nhắn tới người báo cáo>
usage-transfer = Cách dùng: /transfer <số báo cáo> <tên phường/xã nhận>, ví dụ: /transfer HUE-2611-0042 Vỹ Dạ
transfer-which = Ý bạn là: { $wards }? Hãy gõ đủ tên phường/xã nhận.
transfer-no-ward = Không tìm thấy phường/xã «{ $text }» trong tỉnh của báo cáo.
usage-duplicate = Cách dùng: /duplicate <số báo cáo> <số báo cáo gốc>
done-note = Đã thêm ghi chú vào { $number }.
done-reply = Đã gửi lời nhắn tới người báo cáo { $number }.
done-transfer = Đã chuyển { $number } sang { $ward } (báo cáo mới: { $successor }).
done-duplicate = Đã đóng { $number } là trùng lặp.
evidence-sent = Hồ sơ chứng cứ { $number }: { $photos } ảnh gốc, evidence.json và bản tóm tắt.
usage-contact = Cách dùng: /contact <số báo cáo>
refused-not_acknowledged = Chỉ xem được liên hệ của người báo cáo sau khi đã tiếp nhận báo cáo.
contact-title = Liên hệ người báo cáo { $number } (lượt xem này được ghi nhật ký):
contact-line = • Người dân #{ $n }: { $name }, điện thoại { $phone }
usage-search = Cách dùng: /search <tên cơ sở hoặc địa chỉ>
search-none = Không tìm thấy báo cáo nào.
search-title = { $count } báo cáo phù hợp:
card-ward = Phường/xã: { $ward }
card-refreshed = Thẻ này đã cũ. Đã cập nhật theo trạng thái hiện tại: { $state }.
# Residents close the loop (issue 17)
card-additions = Người dân bổ sung: { $photos } ảnh, { $notes } ghi chú
card-reopened = ↩️ Người dân báo chưa khắc phục (lần { $n }): { $note }
card-addition-note = Ghi chú mới nhất của người dân: { $note }
escalate-reopen = 📣 Báo cáo { $number } của { $ward } đã được người dân mở lại hai lần và vẫn bị báo chưa khắc phục: { $note }
stats-satisfaction = · hài lòng { $rate }% ({ $satisfied }/{ $rated }){ $outcomes }
card-map = 📍 Xem vị trí trên bản đồ
card-step = { $action }: { $who }, { $at }
staff-action-venue-closed = Đã ghi nhận { $number }: cơ sở có vẻ đã ngừng hoạt động. Danh bạ chỉ đổi khi người quản lý danh bạ xác nhận.
help-staff-officer =
    Lệnh của cán bộ phường/xã (trong chat riêng với bot):
    /queue — báo cáo đang mở của phường/xã · /overdue — báo cáo quá hạn
    /search <tên cơ sở hoặc địa chỉ> — tìm báo cáo · /ticket <số> — chi tiết một báo cáo
    /contact <số> — liên hệ người báo cáo (lượt xem được ghi nhật ký)
    /note <số> <ghi chú> — ghi chú nội bộ · /reply <số> <lời nhắn> — nhắn người báo cáo
    /transfer <số> <tên phường/xã> — chuyển phường/xã · /duplicate <số> <số gốc> — đóng là trùng lặp
    /evidence <số> — hồ sơ chứng cứ · /stats — thống kê · /web — đăng nhập trang quản trị
    Trong nhóm của phường/xã: /bindgroup gắn nhóm với phường/xã; xử lý bằng các nút trên thẻ báo cáo.
help-staff-province =
    Lệnh của cán bộ tỉnh (trong chat riêng với bot), cho mọi phường/xã của tỉnh:
    /overdue — báo cáo quá hạn · /search <tên cơ sở hoặc địa chỉ> — tìm báo cáo · /ticket <số> — chi tiết
    /contact <số> — liên hệ người báo cáo (lượt xem được ghi nhật ký)
    /note <số> <ghi chú> · /reply <số> <lời nhắn> · /transfer <số> <tên phường/xã> · /duplicate <số> <số gốc>
    /evidence <số> — hồ sơ chứng cứ · /stats — thống kê · /web — đăng nhập trang quản trị
help-staff-registry =
    Lệnh của người quản lý danh bạ (trong chat riêng với bot):
    /compliance — cơ sở có dấu hiệu vi phạm · /inspections — danh sách kiểm tra gửi phường/xã
    /web — đăng nhập trang quản trị (danh bạ cơ sở, mã QR, tải danh sách lên)
