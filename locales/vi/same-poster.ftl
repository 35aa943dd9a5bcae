# Cùng một áp phích, cùng một chỗ (issue 24): gợi ý trùng lặp, gộp, tách báo cáo.
card-duplicates = Có thể trùng: { $list }
card-duplicate-venue = { $number } (cùng mã cơ sở, cách { $distance } m)
card-duplicate-near = { $number } (cùng loại, cách { $distance } m)
btn-join-duplicate = 🔗 Gộp { $newer } vào { $older }
btn-split-report = ✂️ Tách báo cáo #{ $n } thành báo cáo riêng
staff-joined-duplicate = Đã gộp: { $newer } được đóng là trùng với { $older }.
staff-split-done = Đã tách báo cáo #{ $n } thành báo cáo riêng { $number } ({ $ward }).
notify-report-split = Cán bộ đã tách báo cáo của bạn khỏi báo cáo { $number }: giờ đây là báo cáo riêng { $newNumber }, do { $ward } xử lý. Mình sẽ báo bạn khi có cập nhật.
console-duplicates = Có thể trùng lặp
console-duplicates-none = Không có báo cáo đang mở nào trông giống cùng một áp phích.
console-duplicate-venue = cùng mã cơ sở, cách { $distance } m
console-duplicate-near = cùng loại vi phạm, cách { $distance } m
console-join-duplicate = Gộp { $newer } vào { $older }
console-split = Tách ra báo cáo riêng
console-split-report = Báo cáo số
console-split-ward = Phường/xã: theo vị trí
