/**
 * The national QR check-in systems of 2021 whose location codes residents meet on posters.
 * A location code of these systems is a check-in code: it matches a venue through the
 * venue's registered old payloads (`qr_payloads`), otherwise it is `unregistered`, never
 * `foreign`. The directives publish where owners created the codes (the host the code's URL
 * points to), not the text inside them, so a code is recognised by its host and any path.
 *
 * Bluezone, NCOVI and Vietnam Health Declaration (VHD) are the apps that scanned these codes
 * (sources below); no poster format of their own is documented, so none is listed.
 */
export const CHECKIN_SYSTEMS: readonly { system: string; hosts: readonly string[]; source: string }[] = [
  {
    system: "PC-COVID (Trung tâm Công nghệ phòng, chống dịch COVID-19 quốc gia)",
    hosts: ["qr.pccovid.gov.vn", "pccovid.gov.vn"],
    // "Đăng ký điểm kiểm dịch tại qr.pccovid.gov.vn … In mã QR và dán vào lối ra vào".
    source: "https://duyxuyen.quangnam.gov.vn/webcenter/portal/duyxuyen/pages_tin-tuc/chi-tiet-tin?dDocName=PORTAL256615",
  },
  {
    system: "QR địa điểm / Tờ khai y tế (Bộ Y tế; scanned with Bluezone, NCOVI, VHD)",
    hosts: ["qr.tokhaiyte.vn", "tokhaiyte.vn"],
    // Hà Nội: venues "bắt buộc phải thực hiện tạo mã QR địa điểm tại địa chỉ https://qr.tokhaiyte.vn/";
    // Kon Tum: "Truy cập địa chỉ https://tokhaiyte.vn để đăng ký điểm kiểm dịch … Hệ thống cung cấp cho đơn vị một Mã QR".
    source: "https://amp.laodong.vn/xa-hoi/co-the-su-dung-can-cuoc-cong-dan-quet-ma-qr-code-khi-den-nha-hang-sieu-thi-956840.ldo; https://sgtvt.kontum.gov.vn/thong-tin,-tuyen-truyen,-pho-bien,-huong-dan/HuongdankhaibaoytebangQRcode-8342",
  },
];

const HOSTS = CHECKIN_SYSTEMS.flatMap((s) => s.hosts.map((host) => ({ host, system: s.system })));

/** The check-in system a URL's host belongs to (the host itself or a subdomain of it). */
export function checkinSystemOfHost(hostname: string): string | undefined {
  const host = hostname.toLowerCase();
  return HOSTS.find((h) => host === h.host || host.endsWith(`.${h.host}`))?.system;
}

/** "qr.pccovid.gov.vn/abc" as printed without a scheme → "https://qr.pccovid.gov.vn/abc"; other text unchanged. */
export function withCheckinScheme(text: string): string {
  const host = /^([a-z0-9.-]+)(?=[/?#]|$)/i.exec(text)?.[1];
  return host && checkinSystemOfHost(host) ? `https://${text}` : text;
}
