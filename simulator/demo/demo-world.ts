import { readFileSync } from "node:fs";
import type { Stores } from "../../models/index.js";
import type { ZaloUserStore } from "../../models/zalo-user.js";
import { importVenues } from "../../services/registry/venue-import.js";
import { importWards } from "../../services/routing/ward-import.js";

/**
 * The demo world the simulator starts with: Huế's 40 real wards and communes with their real
 * (simplified) boundaries, venues in five central wards covering every registry verdict, two
 * residents, an officer and a bound ward group in Phú Xuân and in Thuận Hoá, a supervisor and
 * an enforcement member for the province. Seeding is idempotent: imports update by code and
 * accounts are ensured, so every start can seed again.
 */
export const HUE_WARDS_FILE = new URL("./hue-wards.geojson", import.meta.url);

interface WardFeature {
  properties: { code: string; name: string; fullName: string; kind: string };
}

export function hueWardsGeoJson(): string {
  return readFileSync(HUE_WARDS_FILE, "utf8");
}

/** The units file layout the ward import reads, made from the boundary file's own properties. */
export function hueUnits(geojson: string): string {
  const features = (JSON.parse(geojson) as { features: WardFeature[] }).features;
  const Wards = features.map(({ properties: p }) => ({ Code: p.code, Name: p.name, FullName: p.fullName, ProvinceCode: "46", AdministrativeUnitShortName: p.kind }));
  return JSON.stringify([{ Code: "46", Name: "Huế", FullName: "Thành phố Huế", Wards }]);
}

/** A place inside a ward where the demo's photos were "taken"; tests keep them inside after simplification. */
export interface DemoVenue {
  code: string;
  name: string;
  address: string;
  category: string;
  wardCode: string;
  lat: number;
  lng: number;
  status: "active" | "suspended" | "closed";
  /** Texts of older posters (the 2021 national check-in links). */
  oldPayloads?: string[];
}

export const DEMO_VENUES: DemoVenue[] = [
  { code: "HUE-0101", name: "Chợ Đông Ba", address: "2 Trần Hưng Đạo, Phú Xuân", category: "market", wardCode: "19753", lat: 16.4737, lng: 107.5879, status: "active", oldPayloads: ["https://tokhaiyte.vn/?page=Checkin&venue=HUE-0101"] },
  { code: "HUE-0102", name: "Cà phê Thành Nội", address: "48 Đinh Tiên Hoàng, Phú Xuân", category: "restaurant_cafe", wardCode: "19753", lat: 16.4742, lng: 107.5775, status: "active" },
  { code: "HUE-0103", name: "Nhà nghỉ Cửa Ngăn", address: "15 Lê Duẩn, Phú Xuân", category: "hotel_guesthouse", wardCode: "19753", lat: 16.4705, lng: 107.5760, status: "active" },
  { code: "HUE-0104", name: "Karaoke Ánh Trăng", address: "90 Mai Thúc Loan, Phú Xuân", category: "bar_karaoke", wardCode: "19753", lat: 16.4790, lng: 107.5850, status: "suspended" },
  { code: "HUE-0201", name: "Khách sạn Hương Giang", address: "51 Lê Lợi, Thuận Hoá", category: "hotel_guesthouse", wardCode: "19789", lat: 16.4668, lng: 107.5912, status: "active" },
  { code: "HUE-0202", name: "Quán bún bò Lê Lợi", address: "17 Lê Lợi, Thuận Hoá", category: "restaurant_cafe", wardCode: "19789", lat: 16.4620, lng: 107.5850, status: "active" },
  { code: "HUE-0203", name: "Spa Sen Hồng", address: "8 Hà Nội, Thuận Hoá", category: "massage_spa", wardCode: "19789", lat: 16.4590, lng: 107.5880, status: "closed" },
  { code: "HUE-0204", name: "Phòng tập Trường Tiền", address: "30 Hùng Vương, Thuận Hoá", category: "gym", wardCode: "19789", lat: 16.4600, lng: 107.5960, status: "active" },
  { code: "HUE-0301", name: "Nhà hàng Vỹ Dạ Xưa", address: "131 Nguyễn Sinh Cung, Vỹ Dạ", category: "restaurant_cafe", wardCode: "19777", lat: 16.4765, lng: 107.6080, status: "active" },
  { code: "HUE-0302", name: "Siêu thị Vỹ Dạ", address: "2 Phạm Văn Đồng, Vỹ Dạ", category: "supermarket_shop", wardCode: "19777", lat: 16.4745, lng: 107.6150, status: "active" },
  { code: "HUE-0401", name: "Chợ An Cựu", address: "1 Hùng Vương, An Cựu", category: "market", wardCode: "19815", lat: 16.4550, lng: 107.6040, status: "active" },
  { code: "HUE-0402", name: "Trường THPT An Cựu", address: "5 Phan Chu Trinh, An Cựu", category: "school", wardCode: "19815", lat: 16.4470, lng: 107.6080, status: "active" },
  { code: "HUE-0501", name: "Chùa Thiên Mụ", address: "Đường Nguyễn Phúc Nguyên, Kim Long", category: "tourist_religious", wardCode: "19774", lat: 16.4536, lng: 107.5447, status: "active" },
  { code: "HUE-0502", name: "Quán chè Kim Long", address: "120 Kim Long", category: "restaurant_cafe", wardCode: "19774", lat: 16.4610, lng: 107.5560, status: "active" },
];

function venuesCsv(): string {
  const rows = DEMO_VENUES.map((v) => [v.code, v.name, `"${v.address}"`, v.category, v.wardCode, v.lat, v.lng, v.status, (v.oldPayloads ?? []).join("|")].join(","));
  return ["code,name,address,category,ward_code,lat,lng,status,qr_payloads", ...rows].join("\n") + "\n";
}

export type PersonaId = "resident-telegram" | "resident-zalo" | "officer-phu-xuan" | "officer-thuan-hoa" | "supervisor" | "enforcement";

/** Who one person can be on the page: a Telegram user (with the ward group of an officer), or a Zalo user. */
export interface Persona {
  id: PersonaId;
  channel: "telegram" | "zalo";
  /** Telegram user id, or the Zalo user id. */
  userId: string;
  name: string;
  role: "resident" | "officer" | "supervisor" | "enforcement";
  wardCode?: string;
  /** The ward group's chat (negative, as Telegram's group ids are). */
  groupChatId?: number;
}

export const PERSONAS: Persona[] = [
  { id: "resident-telegram", channel: "telegram", userId: "7100001", name: "Nguyễn Thị Lan", role: "resident" },
  { id: "resident-zalo", channel: "zalo", userId: "5512340000000000077", name: "Trần Văn Minh", role: "resident" },
  { id: "officer-phu-xuan", channel: "telegram", userId: "7200001", name: "Lê Văn Hùng", role: "officer", wardCode: "19753", groupChatId: -1001975300 },
  { id: "officer-thuan-hoa", channel: "telegram", userId: "7200002", name: "Phạm Thị Mai", role: "officer", wardCode: "19789", groupChatId: -1001978900 },
  { id: "supervisor", channel: "telegram", userId: "7300001", name: "Hoàng Văn Nam", role: "supervisor" },
  { id: "enforcement", channel: "telegram", userId: "7400001", name: "Đặng Thị Thu", role: "enforcement" },
];

export const PROVINCE = "46";

export async function seedDemoWorld(stores: Stores, zaloUsers: ZaloUserStore): Promise<void> {
  const geojson = hueWardsGeoJson();
  await importWards(stores.wards, { fileName: "hue-units.json", text: hueUnits(geojson) }, [{ fileName: "hue-wards.geojson", text: geojson }], "demo");
  const wardCodes = new Set(DEMO_VENUES.map((v) => v.wardCode));
  await importVenues(stores.venues, new TextEncoder().encode(venuesCsv()), (c) => wardCodes.has(c), "demo");
  for (const p of PERSONAS) {
    if (p.channel === "zalo") {
      await zaloUsers.ensure(p.userId);
      continue;
    }
    const account = await stores.accounts.ensure("telegram", p.userId, { locale: "vi", displayName: p.name });
    if (p.role === "resident") continue;
    await stores.accounts.grantRole(account.id, p.role, p.role === "officer" ? { wardCode: p.wardCode } : { provinceCode: PROVINCE });
    if (p.wardCode && p.groupChatId) await stores.wardGroups.bind(p.wardCode, String(p.groupChatId), account.id);
  }
}

/**
 * The page's language is the personas' language too: every persona's account (Telegram by user
 * id, Zalo by its chat alias) answers in it from the next message on, as /language would set it.
 */
export async function personasSpeak(stores: Pick<Stores, "accounts">, zaloUsers: Pick<ZaloUserStore, "ensure">, locale: "vi" | "en"): Promise<void> {
  for (const p of PERSONAS) {
    const account = p.channel === "zalo"
      ? await stores.accounts.ensure("zalo", String((await zaloUsers.ensure(p.userId)).chatId))
      : await stores.accounts.ensure("telegram", p.userId, { displayName: p.name });
    if (account.locale !== locale) await stores.accounts.setLocale(account.id, locale);
  }
}
