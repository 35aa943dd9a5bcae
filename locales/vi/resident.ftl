start-greeting =
    Xin chào { $name }! 👋
    Mình giúp bạn báo cáo mã QR check-in vi phạm (không dán mã, sai thông tin, không quét được) tới phường/xã phụ trách.
    Chỉ cần một tấm ảnh và vị trí — gõ /report để bắt đầu.
    🔒 Bảo mật: ảnh, vị trí và ghi chú chỉ được dùng để xử lý báo cáo; ghi chú, liên hệ và vị trí chính xác chỉ cán bộ phường/xã phụ trách được xem. /mydata: xem dữ liệu của bạn; /forgetme: xoá.
    Ngôn ngữ: /language
help-text =
    /report — báo cáo vi phạm (chọn loại, gửi ảnh, gửi vị trí, xác nhận)
    /mytickets — các báo cáo của bạn
    /ticket HUE-2611-0042 — xem chi tiết và lịch sử một báo cáo; bổ sung ảnh, đánh giá kết quả hoặc báo chưa khắc phục
    /withdraw HUE-2611-0042 — rút báo cáo của bạn khi phường/xã chưa tiếp nhận
    /mydata — dữ liệu của bạn mà hệ thống đang giữ
    /forgetme — xoá liên hệ và ghi chú của bạn (báo cáo vẫn ở lại phường/xã, không còn gắn với bạn)
    /language — đổi ngôn ngữ
    /cancel — huỷ thao tác đang làm
language-choose = Chọn ngôn ngữ:
language-set = Đã chuyển sang tiếng Việt.
cancel-done = Đã huỷ. Không có gì được lưu.
cancel-nothing = Không có thao tác nào để huỷ.
type-no_poster = Không dán mã QR
type-wrong_info = Mã QR sai thông tin
type-unscannable = Mã QR không quét được
report-choose-type = Bạn muốn báo cáo vi phạm nào?
report-use-buttons = Vui lòng chọn bằng các nút bên dưới tin nhắn.
report-in-progress = Bạn đang làm dở một báo cáo. Hãy tiếp tục, hoặc gõ /cancel để huỷ.
report-continue-or-restart = Bạn đang làm dở một báo cáo. Tiếp tục báo cáo này, hay bắt đầu lại từ đầu?
button-continue-report = ▶ Tiếp tục
button-restart-report = 🔄 Bắt đầu lại
report-continuing = Được, tiếp tục báo cáo: hãy trả lời câu hỏi cuối cùng ở trên.
report-idle-closed = Báo cáo trước đã tự đóng vì bạn không phản hồi trong 30 phút. Không có gì được lưu. Gõ /report để bắt đầu lại.
button-cancel = ✖ Huỷ
button-yes = Có, tiếp tục
button-no = Không, huỷ báo cáo
report-photo-ask = Gửi ảnh chụp mã QR (dạng ảnh hoặc tệp). Có thể gửi nhiều ảnh.
report-photo-ask-entrance = Gửi ảnh lối vào của cơ sở (nơi lẽ ra phải dán mã QR). Có thể gửi nhiều ảnh.
report-photo-wrong-kind = Mình cần một tấm ảnh. Hãy gửi ảnh (hoặc tệp ảnh JPEG/PNG).
report-photo-not-image = Tệp này không phải ảnh. Vui lòng gửi ảnh JPEG hoặc PNG.
report-photo-too-large = Tệp quá lớn (tối đa { $mb } MB). Vui lòng gửi dạng ảnh (không phải tệp) để Telegram tự thu nhỏ, hoặc gửi ảnh nhỏ hơn.
report-photo-empty = Tệp này trống (0 byte). Vui lòng gửi lại ảnh.
report-photo-unsupported = Mình chưa đọc được ảnh định dạng { $format }. Vui lòng gửi dạng ảnh (không phải tệp), hoặc tệp JPEG hoặc PNG.
report-photo-heic = Mình không giải mã được ảnh HEIC (ảnh iPhone) này. Vui lòng gửi lại dạng ảnh: bấm 📎, chọn «Ảnh hoặc video» (không chọn «Tệp»), rồi chọn ảnh; ứng dụng sẽ tự chuyển sang JPEG.
report-photo-too-many-pixels = Ảnh quá nhiều điểm ảnh (tối đa { $megapixels } megapixel). Vui lòng gửi dạng ảnh, hoặc ảnh nhỏ hơn.
report-photo-damaged = Ảnh này bị hỏng hoặc gửi chưa hết, nên không dùng làm bằng chứng được. Vui lòng gửi lại ảnh gốc.
report-photo-animation = Đây là ảnh động. Vui lòng gửi một ảnh chụp tĩnh.
report-photo-busy = Máy chủ đang bận đọc ảnh. Vui lòng gửi lại ảnh sau ít giây.
report-photo-download-not_found = Mình không tải được ảnh này (ảnh không còn trên máy chủ). Bạn hãy gửi lại ảnh nhé.
report-photo-download-timeout = Tải ảnh quá lâu nên mình đã dừng. Bạn hãy gửi lại ảnh, nếu được thì ảnh nhỏ hơn.
report-photo-download-too_large = Ảnh quá lớn (tối đa 20 MB). Bạn hãy gửi ảnh nhỏ hơn.
report-photo-download-failed = Mình không tải được ảnh này. Bạn hãy gửi lại ảnh nhé.
report-photo-read = ✅ Đã nhận ảnh { $count }. Đọc được mã: đây là { $code }.
report-photo-no-code = ✅ Đã nhận ảnh { $count }. Không tìm thấy mã QR trong ảnh.
report-photo-more = Gửi thêm ảnh, hoặc bấm «Xong».
button-photos-done = Xong, tiếp tục ➡
report-hint-readable = Máy chủ vẫn đọc được mã này. Bạn vẫn muốn báo cáo là «không quét được»?
report-hint-looks-official = Mã này có vẻ đúng là mã chính thức của cơ sở tại đây. Bạn vẫn muốn báo cáo sai thông tin?
report-hint-declined = Cảm ơn bạn đã kiểm tra. Báo cáo đã được huỷ, không có gì được lưu.
report-location-ask = Gửi vị trí nơi dán mã QR: bấm nút bên dưới, gửi một địa điểm, hoặc gõ tên hay địa chỉ của cơ sở.
report-location-ask-zalo = Gửi vị trí nơi dán mã QR (cách gửi ở ngay dưới đây), hoặc gõ tên hay địa chỉ của cơ sở.
button-send-location = 📍 Gửi vị trí hiện tại
report-location-wrong-kind = Vui lòng gửi vị trí, hoặc gõ tên hay địa chỉ của cơ sở.
report-location-outside = Vị trí này nằm ngoài các phường/xã mình biết.
report-venue-pick = Cơ sở nào trong danh bạ? Chọn một, hoặc bấm «Không có trong danh sách».
button-venue-none = Không có trong danh sách
report-code-venue-here = Mã QR trong ảnh là mã của «{ $venue }» ({ $address }). Mã này dán tại chính cơ sở đó?
button-yes-here = Đúng, tại đó
button-no-elsewhere = Không, ở nơi khác
report-code-owner = • Mã này của: { $venue }, { $address }
report-code-owner-far = • Mã này của: { $venue }, { $address } (cách nơi báo cáo { $distance } m)
report-ward-ask = Cơ sở thuộc phường/xã nào? Gõ tên phường/xã (có dấu hoặc không dấu đều được).
report-ward-pick = Chọn phường/xã:
report-ward-none = Không tìm thấy phường/xã «{ $query }». Vui lòng gõ lại tên.
report-note-ask = Thêm ghi chú (tối đa 1000 ký tự), hoặc bấm «Bỏ qua».
button-skip = Bỏ qua
report-note-too-long = Ghi chú dài { $length } ký tự, vượt quá 1000. Vui lòng rút gọn.
report-summary =
    Kiểm tra lại báo cáo:
    • Loại: { $type }
    • Ảnh: { $photos }
    • Mã đọc được: { $code }
    • Kết quả đối chiếu: { $verdict }
    • Phường/xã: { $ward }
    • Ghi chú: { $note }
report-none = (không có)
button-confirm = ✅ Gửi báo cáo
button-change = ✏ Sửa
report-opened = Đã gửi! Số báo cáo của bạn: { $number }. { $ward } sẽ xử lý và mình sẽ báo bạn khi có cập nhật.
report-merged = Đã gửi! Báo cáo của bạn được gộp vào báo cáo { $number } của { $ward } (trạng thái: { $state }), vì cùng một vi phạm ở cùng chỗ; ảnh của bạn được thêm vào đó làm bằng chứng. Mình sẽ báo bạn khi có cập nhật.
verdict-official = mã chính thức, đúng cơ sở
verdict-official_old = mã check-in cũ (2021) của cơ sở, cần thay bằng mã mới
verdict-official_elsewhere = mã chính thức của cơ sở khác / nơi khác
verdict-official_inactive = mã của cơ sở đã đình chỉ hoặc đóng cửa
verdict-forged = mã giả mạo
verdict-unregistered = mã không có trong danh bạ
verdict-foreign = không phải mã check-in
verdict-no_code = không có mã
mytickets-empty = Bạn chưa có báo cáo nào. Gõ /report để báo cáo.
mytickets-header = Các báo cáo của bạn ({ $total }), trang { $page }/{ $pages }:
mytickets-line = { $number } · { $type } · { $state } · { $date }
button-prev = ◀ Trước
button-next = Sau ▶
ticket-usage = Gõ /ticket kèm số báo cáo, ví dụ: /ticket HUE-2611-0042
ticket-not-found = Không tìm thấy báo cáo { $number } trong các báo cáo của bạn.
ticket-detail =
    Báo cáo { $number }
    • Loại: { $type }
    • Trạng thái: { $state }
    • Phường/xã: { $ward }
    • Kết quả đối chiếu: { $verdict }
    • Số người báo cáo: { $reports }
    Lịch sử:
ticket-history-line = { $date } — { $action }
state-new = mới
state-acknowledged = đã tiếp nhận
state-inspecting = đang kiểm tra
state-violation_confirmed = đã xác nhận vi phạm
state-no_violation = không có vi phạm
state-duplicate = trùng báo cáo khác
state-withdrawn = đã rút
state-not_our_ward = chuyển phường/xã khác
action-opened = mở báo cáo
action-report_attached = thêm báo cáo
action-transition = đổi trạng thái
notify-state-changed = Báo cáo { $number } của bạn: { $state }.
reporter-message = 💬 Cán bộ phường/xã nhắn về báo cáo { $number }: { $text }
ticket-due-acknowledge = Hạn phường/xã tiếp nhận: { $at }
ticket-due-close = Hạn phường/xã xử lý xong: { $at }
button-withdraw = ↩️ Rút báo cáo của tôi
withdraw-usage = Gõ /withdraw kèm số báo cáo, ví dụ: /withdraw HUE-2611-0042
withdraw-done = Đã rút báo cáo của bạn khỏi { $number }. Báo cáo của những người khác vẫn được xử lý.
withdraw-closed = Đã rút báo cáo { $number }. Báo cáo đã được đóng.
withdraw-too-late = Không thể rút báo cáo { $number } nữa: phường/xã đã bắt đầu xử lý (trạng thái: { $state }).
action-withdraw = rút báo cáo
# Residents close the loop (issue 17): rating, "not fixed", adding evidence
state-reopened = đã mở lại
action-rate = đánh giá kết quả
action-reopen = báo chưa khắc phục
action-escalate_reopen = báo chưa khắc phục, chuyển cấp giám sát
action-add_evidence = bổ sung bằng chứng
rate-ask = Bạn có hài lòng với kết quả xử lý không? Nếu mã QR vẫn chưa được khắc phục, bấm «Chưa khắc phục» và gửi ảnh mới trong 14 ngày.
button-satisfied = 😊 Hài lòng
button-not-satisfied = 🙁 Chưa hài lòng
button-not-fixed = 📷 Chưa khắc phục
button-add-evidence = ➕ Bổ sung ảnh hoặc ghi chú
button-add-to = ➕ Bổ sung cho { $number }
button-rate-reason = ✍️ Thêm lý do
rate-thanks-satisfied = Cảm ơn bạn đã đánh giá báo cáo { $number }: hài lòng. Bạn có thể đổi đánh giá trong 7 ngày.
rate-thanks-not-satisfied = Cảm ơn bạn đã đánh giá báo cáo { $number }: chưa hài lòng. Bạn có thể thêm lý do ngắn, hoặc đổi đánh giá trong 7 ngày.
rate-reason-ask = Vì sao? Gõ một lý do ngắn (tối đa 1000 ký tự), hoặc bấm «Bỏ qua».
rate-reason-saved = Đã ghi nhận lý do của bạn. Cảm ơn bạn!
rate-reason-skipped = Được, đánh giá của bạn vẫn được giữ.
ticket-rated-satisfied = Đánh giá của bạn: hài lòng
ticket-rated-not-satisfied = Đánh giá của bạn: chưa hài lòng
not-fixed-photo-ask = Gửi ảnh mới chụp nơi dán mã QR (dạng ảnh hoặc tệp) cho thấy vi phạm vẫn còn.
not-fixed-note-ask = Mô tả ngắn điều còn sai (tối đa 1000 ký tự), hoặc bấm «Bỏ qua».
add-photo-ask = Gửi thêm ảnh cho báo cáo (dạng ảnh hoặc tệp), hoặc bấm «Bỏ qua» để chỉ gửi ghi chú.
add-note-ask = Thêm ghi chú cho báo cáo (tối đa 1000 ký tự), hoặc bấm «Bỏ qua».
add-nothing = Bạn chưa gửi ảnh hay ghi chú nào, nên không có gì được bổ sung.
followup-done-add_evidence = Đã bổ sung { $photos } ảnh vào báo cáo { $number }. Cán bộ phường/xã sẽ thấy ngay trên thẻ báo cáo.
followup-done-reopen = Đã mở lại báo cáo { $number } và gửi lại cho phường/xã cùng ảnh mới (đối chiếu mã QR: { $verdict }). Mình sẽ báo bạn khi có cập nhật.
followup-done-escalate_reopen = Báo cáo { $number } đã được mở lại hai lần, nên phản ánh của bạn đã được chuyển tới cán bộ giám sát của tỉnh/thành phố. Cảm ơn bạn!
followup-busy = Bạn đang làm dở một thao tác khác. Hãy hoàn tất, hoặc gõ /cancel để huỷ.
followup-not-yours = Không tìm thấy báo cáo này trong các báo cáo của bạn.
followup-stale = Báo cáo vừa thay đổi. Vui lòng thử lại.
followup-too-late-rate = Đã quá 7 ngày kể từ khi báo cáo { $number } được đóng, nên không thể đánh giá nữa.
followup-too-late-not-fixed = Đã quá 14 ngày kể từ khi báo cáo { $number } được đóng. Nếu vi phạm vẫn còn, hãy gửi báo cáo mới bằng /report.
followup-invalid-state-rate = Báo cáo { $number } chưa được đóng, nên chưa thể đánh giá.
followup-invalid-state-not_fixed = Báo cáo { $number } đang được xử lý, chưa cần báo chưa khắc phục. Bạn có thể bổ sung ảnh.
followup-invalid-state-add = Báo cáo { $number } đã đóng, không thể bổ sung nữa.
followup-already-escalated = Phản ánh chưa khắc phục của báo cáo { $number } đã được chuyển tới cán bộ giám sát. Cảm ơn bạn!
code-is-official = mã check-in chính thức của { $venue }
code-is-old = mã check-in cũ (năm 2021) của { $venue }, nay cần thay bằng mã mới
code-is-closed-venue = mã check-in của { $venue }, cơ sở đã ngừng hoạt động
code-is-suspended-venue = mã check-in của { $venue }, cơ sở đang bị đình chỉ
code-is-forged = một mã giả dạng mã chính thức (chữ ký không khớp)
code-is-unknown-checkin = một mã check-in của { $site } không có trong sổ đăng ký
code-is-unknown-venue = một mã theo mẫu chính thức nhưng của cơ sở không có trong sổ đăng ký
code-is-vietqr = mã thanh toán VietQR, không phải mã check-in
code-is-payment = mã thanh toán, không phải mã check-in
code-is-report-link = mã dẫn đến kênh báo cáo này, không phải mã check-in
code-is-link = một đường link đến { $site }, không phải mã check-in
code-is-text = một đoạn chữ, không phải mã check-in
report-code-raw = Chi tiết: nội dung mã là «{ $raw }»
report-photo-gps = 📍 Ảnh có toạ độ GPS; mình sẽ đối chiếu với vị trí bạn gửi ở bước sau.
withdraw-already = Bạn đã rút báo cáo { $number } rồi; không cần rút lại.

# What becomes public and what stays with the ward (the report's summary), /mydata and /forgetme.
report-public-notice = 🔒 Công khai: loại vi phạm, trạng thái, phường/xã, tên cơ sở đã đăng ký, vị trí gần đúng (khoảng 100 m); ảnh chỉ khi cán bộ cho công khai. Chỉ phường/xã xem: ghi chú, liên hệ, vị trí chính xác và các ảnh khác của bạn.
mydata-header = Dữ liệu của bạn trong hệ thống (từ { $since }):
mydata-contact = • Liên hệ: tên { $name } · số điện thoại { $phone } · qua { $channel }
mydata-counts = • Báo cáo: { $tickets } · ghi chú: { $notes } · đánh giá: { $ratings } · ảnh đã gửi: { $photos }
mydata-ticket = { $number } · { $type } · { $state }
mydata-note = – ghi chú: «{ $note }»
mydata-rating-satisfied = – đánh giá: hài lòng (lý do: { $reason })
mydata-rating-not-satisfied = – đánh giá: chưa hài lòng (lý do: { $reason })
mydata-more = … và { $more } báo cáo khác: /mytickets
mydata-footer =
    Mục đích: xử lý báo cáo của bạn và báo kết quả cho bạn. Ai xem: cán bộ phường/xã phụ trách; công khai chỉ loại, trạng thái, phường/xã, tên cơ sở và vị trí gần đúng.
    { $days ->
        [0] Ghi chú và lý do đánh giá được giữ cùng báo cáo.
       *[other] Ghi chú và lý do đánh giá được xoá { $days } ngày sau khi báo cáo đóng.
    } /forgetme: xoá liên hệ và ghi chú của bạn ngay.
forgetme-ask = Xoá dữ liệu của bạn? Sẽ xoá: tên, số điện thoại, mọi ghi chú và lý do đánh giá bạn đã viết, các tin nhắn gửi cho bạn. Báo cáo vẫn ở lại phường/xã để xử lý (loại, vị trí, ảnh, trạng thái) nhưng không còn gắn với bạn, và bạn sẽ không nhận tin về chúng nữa. Không thể hoàn tác.
button-forget = 🗑 Xoá dữ liệu của tôi
button-keep = Giữ nguyên
forgetme-kept = Được, không có gì bị xoá.
forgetme-staff = Tài khoản cán bộ không tự xoá được: việc cán bộ làm là hồ sơ của phường/xã. Vui lòng liên hệ quản trị viên.
forgetme-done =
    Đã xoá dữ liệu của bạn:
    • tên: { $name ->
        [1] đã xoá
       *[other] không lưu
    } · số điện thoại: { $phone ->
        [1] đã xoá
       *[other] không lưu
    }
    • { $notes } ghi chú và { $reasons } lý do đánh giá
    { $tickets } báo cáo (với { $photos } ảnh làm bằng chứng) vẫn ở lại phường/xã, không còn gắn với bạn. Bạn vẫn dùng /report như bình thường.
