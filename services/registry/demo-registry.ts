import type { venueStore } from "../../models/venue.js";
import type { wardStore } from "../../models/ward.js";
import type { ImportSummary } from "./import-report.js";
import { signPayload, type KeyRing } from "./payload.js";
import { importVenues } from "./venue-import.js";
import { importWards } from "../routing/ward-import.js";

/**
 * Demo data for local runs and tests: four real Huế wards (real codes and names) whose
 * boundaries are GENERATED squares of about 4 × 3 km placed roughly where the wards are — not
 * the official boundaries — and six venues covering every status and verification case.
 *
 *   16.50 ┌ Phú Xuân 19753 ┬ Vỹ Dạ 19777 ┐
 *   16.47 ├ Thuận Hoá 19789 ┼ An Cựu 19815 ┤
 *   16.44 └ 107.55 ─────── 107.59 ─────── 107.63
 */
const SQUARES: [code: string, name: string, west: number, south: number][] = [
  ["19753", "Phú Xuân", 107.55, 16.47],
  ["19777", "Vỹ Dạ", 107.59, 16.47],
  ["19789", "Thuận Hoá", 107.55, 16.44],
  ["19815", "An Cựu", 107.59, 16.44],
];

export const DEMO_UNITS = [
  {
    Code: "46",
    Name: "Huế",
    FullName: "Thành phố Huế",
    Wards: SQUARES.map(([Code, Name]) => ({ Code, Name, FullName: `Phường ${Name}`, ProvinceCode: "46", AdministrativeUnitShortName: "Phường" })),
  },
];

export const DEMO_BOUNDARIES = {
  type: "FeatureCollection",
  features: SQUARES.map(([code, , w, s]) => ({
    type: "Feature",
    properties: { code },
    geometry: { type: "Polygon", coordinates: [[[w, s], [w + 0.04, s], [w + 0.04, s + 0.03], [w, s + 0.03], [w, s]]] },
  })),
};

/** code, name, address, category, ward, lat, lng, status, extra payloads */
export const DEMO_VENUES_CSV = `code,name,address,category,ward_code,lat,lng,status,qr_payloads
HUE-0001,Quán cà phê Sông Hương,"12 Lê Lợi, Phú Xuân",restaurant_cafe,19753,16.4850,107.5700,active,
HUE-0002,Khách sạn Vỹ Dạ Xưa,"3 Nguyễn Sinh Cung, Vỹ Dạ",hotel_guesthouse,19777,16.4820,107.6050,active,
HUE-0003,Chợ Đông Ba,"2 Trần Hưng Đạo, Phú Xuân",market,19753,16.4760,107.5850,active,https://tokhaiyte.vn/?page=Checkin&venue=HUE-0003
HUE-0004,Karaoke Ánh Trăng,"45 Hùng Vương, Thuận Hoá",bar_karaoke,19789,16.4600,107.5800,suspended,
HUE-0005,Spa Hoa Sen,"8 Hà Nội, Thuận Hoá",massage_spa,19789,16.4550,107.5650,closed,
HUE-0006,Bệnh viện An Cựu,"20 Hùng Vương, An Cựu",hospital_clinic,19815,16.4550,107.6000,active,
`;

export interface DemoRegistry {
  wards: ImportSummary;
  venues: ImportSummary;
  /** venue code → the signed payload its official poster carries */
  payloads: Record<string, string>;
}

export async function seedDemoRegistry(
  stores: { wards: ReturnType<typeof wardStore>; venues: ReturnType<typeof venueStore> },
  signingKey: KeyRing,
): Promise<DemoRegistry> {
  const wards = await importWards(
    stores.wards,
    { fileName: "demo-units.json", text: JSON.stringify(DEMO_UNITS) },
    [{ fileName: "demo-boundaries.geojson", text: JSON.stringify(DEMO_BOUNDARIES) }],
    "demo",
  );
  const codes = new Set(SQUARES.map(([code]) => code));
  const venues = await importVenues(stores.venues, new TextEncoder().encode(DEMO_VENUES_CSV), (c) => codes.has(c), "demo");
  const payloads = Object.fromEntries(
    DEMO_VENUES_CSV.trim().split("\n").slice(1).map((line) => {
      const code = line.split(",")[0]!;
      return [code, signPayload(code, signingKey)];
    }),
  );
  return { wards, venues, payloads };
}
