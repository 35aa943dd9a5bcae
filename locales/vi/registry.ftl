poster-title = MÃ QR CHECK-IN CHÍNH THỨC
poster-scan = Quét mã này khi ra vào địa điểm
poster-ward = Phường/xã quản lý
poster-issued = Ngày cấp
poster-code = Mã địa điểm
poster-report = Mã sai thông tin, không quét được hay không có mã? Quét mã nhỏ bên dưới để báo cho phường qua chatbot.
