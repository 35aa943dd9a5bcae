import { findingDocument, STATES, type TicketOutcome } from "../tickets/ticket-states.js";
import { visibleText } from "../text/visible-text.js";
import type { EvidencePack } from "./evidence-pack.js";

/** Vietnamese names for the codes in a pack; the summary is a document for Vietnamese authorities. */
const TYPE: Record<string, string> = { no_poster: "Không niêm yết mã QR", wrong_info: "Thông tin địa điểm sai", unscannable: "Mã QR không quét được", not_scanned: "Dấu hiệu vi phạm: mã QR không được quét" };
const MEASURE = { reminder: "nhắc nhở", warning: "cảnh cáo", suspension: "quyết định đình chỉ" } as const;

/** The outcome in words, for the state line. */
function outcomeVi(o: TicketOutcome, duplicateOf: string | undefined, wards: Map<string, string>): string {
  switch (o.kind) {
    case "finding":
      return findingDocument(o.finding);
    case "duplicate":
      return `trùng với ${duplicateOf ?? "—"}`;
    case "transferred":
      return `chuyển sang ${wards.get(o.wardCode) ?? o.wardCode}`;
    case "measure":
      return `biện pháp: ${MEASURE[o.measure]}`;
    case "returned":
      return "trả về phường/xã";
    case "withdrawn":
      return STATES.withdrawn.document;
  }
}

const time = (d: Date | undefined | null) => (d ? new Date(d).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" }) : "—");

/** A readable one-page summary of a pack, in Vietnamese. */
export function summaryVi(pack: EvidencePack): string {
  const t = pack.ticket;
  const lines = [
    `HỒ SƠ CHỨNG CỨ — PHẢN ÁNH ${t.number}`,
    "",
    `Loại vi phạm: ${TYPE[t.violationType] ?? t.violationType}`,
    `Trạng thái: ${STATES[t.state].document}${t.outcome ? ` (${outcomeVi(t.outcome, t.duplicateOf ?? undefined, pack.wardNames)})` : ""}`,
    `Phường/xã: ${pack.wardNames.get(t.wardCode) ?? t.wardCode} (mã ${t.wardCode})`,
    `Địa điểm: ${t.venueCode ?? "chưa xác định"} · Địa chỉ: ${t.address ? visibleText(t.address) : "—"}`,
    t.location ? `Vị trí: ${t.location.lat}, ${t.location.lng} (https://www.openstreetmap.org/?mlat=${t.location.lat}&mlon=${t.location.lng}#map=19/${t.location.lat}/${t.location.lng})` : "Vị trí: —",
    `Kết quả đối chiếu mã QR: ${t.verdict}${t.decodedText ? ` — nội dung: ${visibleText(t.decodedText)}` : ""}`,
    `Tiếp nhận lúc: ${time(t.openedAt)} · Hạn tiếp nhận: ${time(t.acknowledgeBy)} · Hạn xử lý: ${time(t.closeBy)}`,
    "",
    `Số lượt phản ánh gộp: ${t.reports.length}`,
    ...t.reports.map((r, i) => `  - Người dân #${i + 1}, ${time(r.at)}${r.note ? `: “${visibleText(r.note)}”` : ""}`),
    "",
    `Ảnh gốc (${pack.photos.length}), mã băm SHA-256 để đối chiếu:`,
    ...pack.photos.map((p) => `  - photos/${p.name}  ${p.evidence.sha256}`),
    ...(pack.pruned.length > 0
      ? [`Ảnh đã xoá theo thời hạn lưu trữ (${pack.pruned.length}), còn giữ mã băm SHA-256:`, ...pack.pruned.map((e) => `  - ${e.sha256} (xoá lúc ${time(e.prunedAt)})`)]
      : []),
    "",
    "Lịch sử xử lý:",
    ...t.history.map((h) => `  - ${time(h.at)} · ${h.actorRole ?? "hệ thống"} · ${h.action}${h.from ? ` ${h.from} → ${h.to}` : ""}${h.note ? ` · ${visibleText(h.note)}` : ""}`),
    "",
  ];
  return lines.join("\n");
}
