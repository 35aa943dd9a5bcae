zalo-share-location = 📍 Để gửi vị trí trên Zalo: bấm dấu ➕ (hoặc 📎) cạnh ô nhập tin, chọn «Vị trí», rồi gửi vị trí hiện tại.
zalo-choose-number = Trả lời bằng số để chọn:
zalo-unsupported-media = Xin lỗi, kênh báo cáo chưa nhận được sticker, ảnh động, âm thanh hay video. Bạn hãy gửi ảnh chụp, vị trí hoặc tin nhắn chữ nhé.
zalo-no-name = bạn
