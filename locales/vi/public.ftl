# What the public sees (services/publication, Open311 reads, /reports).
public-description = { $venue ->
    [none] { $type }. Kiểm tra mã trên ảnh: { $verdict }.
   *[other] { $type } tại { $venue }. Kiểm tra mã trên ảnh: { $verdict }.
}
public-change = { $state }
public-change-to = { $state }: { $target }
btn-publish-photo = 📢 Công khai ảnh này
btn-unpublish-photo = 🙈 Thôi công khai ảnh
publish-photo-done = Ảnh đã được công khai trên trang báo cáo công khai.
unpublish-photo-done = Ảnh không còn công khai.
console-photo-public = Ảnh đang công khai.
console-action-photo = Đã cập nhật ảnh công khai của { $number }.
