# What the public sees (services/publication, Open311 reads, /reports).
public-description = { $venue ->
    [none] { $type }. Kiểm tra mã trên ảnh: { $verdict }.
   *[other] { $type } tại { $venue }. Kiểm tra mã trên ảnh: { $verdict }.
}
public-change = { $state }
public-change-to = { $state }: { $target }
