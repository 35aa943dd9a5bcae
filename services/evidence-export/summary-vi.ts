import { eventParts, label, outcomeText, reporterNumbers } from "../text/labels.js";
import { localeTexts } from "../text/locale-texts.js";
import { mapUrl } from "../text/map-link.js";
import { vietnamTime } from "../text/format.js";
import { visibleText } from "../text/visible-text.js";
import type { EvidencePack } from "./evidence-pack.js";

const time = (d: Date | undefined | null) => (d ? vietnamTime(d) : "—");
const capital = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

/**
 * A readable one-page summary of a pack, in Vietnamese (a document for Vietnamese
 * authorities): every coded value in the words of locales/vi, as the chat and console say it.
 */
export function summaryVi(pack: EvidencePack): string {
  const t = localeTexts("vi");
  const tk = pack.ticket;
  const wardName = (code: string) => pack.wardNames.get(code) ?? code;
  const state = label(t, "state", tk.state);
  const outcome = tk.outcome ? outcomeText(t, tk.outcome, tk, wardName) : undefined;
  const people = reporterNumbers(tk.reports);
  const lines = [
    `HỒ SƠ CHỨNG CỨ — PHẢN ÁNH ${tk.number}`,
    "",
    `Loại vi phạm: ${label(t, "type", tk.violationType)}`,
    // "Không vi phạm (không vi phạm)" says nothing twice: the outcome only where it adds to the state.
    `Trạng thái: ${capital(state)}${outcome && outcome.toLowerCase() !== state.toLowerCase() ? ` (${outcome})` : ""}`,
    `Phường/xã: ${wardName(tk.wardCode)} (mã ${tk.wardCode})`,
    `Cơ sở: ${tk.venueCode ? (pack.venueName ? `${pack.venueName} (mã ${tk.venueCode})` : `mã ${tk.venueCode}`) : "chưa xác định"}${tk.address ? ` · Địa chỉ: ${visibleText(tk.address)}` : ""}`,
    tk.location ? `Vị trí: ${tk.location.lat}, ${tk.location.lng} — xem trên bản đồ: ${mapUrl(tk.location)}` : "Vị trí: không có",
    `Kết quả đối chiếu mã QR: ${label(t, "verdict", tk.verdict)}${tk.decodedText ? ` — nội dung: ${visibleText(tk.decodedText)}` : ""}`,
    `Tiếp nhận lúc: ${time(tk.openedAt)} · Hạn tiếp nhận: ${time(tk.acknowledgeBy)} · Hạn xử lý: ${time(tk.closeBy)}`,
    "",
    `Số lượt phản ánh gộp: ${tk.reports.length}`,
    ...tk.reports.map((r) => `  - Người dân #${people.get(r.accountId)}, ${time(r.at)}, qua ${label(t, "channel", r.channel)}${r.note ? `: “${visibleText(r.note)}”` : ""}`),
    "",
    `Ảnh gốc (${pack.photos.length}), mã băm SHA-256 để đối chiếu:`,
    ...pack.photos.map((p) => `  - photos/${p.name}  ${p.evidence.sha256}`),
    ...(pack.pruned.length > 0
      ? [`Ảnh đã xoá theo thời hạn lưu trữ (${pack.pruned.length}), còn giữ mã băm SHA-256:`, ...pack.pruned.map((e) => `  - ${e.sha256} (xoá lúc ${time(e.prunedAt)})`)]
      : []),
    "",
    "Lịch sử xử lý:",
    ...tk.history.map((h) => {
      const e = eventParts(t, h, wardName);
      return `  - ${time(h.at)} · ${capital(e.actor)} · ${e.action}${e.change ? ` (${e.change})` : ""}${e.note ? ` · ${visibleText(e.note)}` : ""}`;
    }),
    "",
  ];
  return lines.join("\n");
}
