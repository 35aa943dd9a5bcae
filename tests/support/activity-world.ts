import type { Stores } from "../../models/index.js";
import type { VenueCategory } from "../../models/venue.js";
import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { importActivity } from "../../services/registry/activity-import.js";

type World = { stores: Stores };

/** Adds active venues to a world with wards: `count` of them in a ward, codes `<prefix>-01`, `<prefix>-02`, … */
export async function addVenues(w: World, prefix: string, wardCode: string, count: number, category: VenueCategory = "restaurant_cafe"): Promise<string[]> {
  const codes = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, "0")}`);
  await w.stores.venues.upsertMany(
    codes.map((code, i) => ({
      code,
      name: `Cơ sở ${code}`,
      address: `${i + 1} Lê Lợi`,
      category,
      wardCode,
      location: { lat: 16.46 + i * 0.001, lng: 107.59 },
      qrPayloads: [],
      status: "active" as const,
      source: "test",
      importHash: code,
    })),
    new Set(),
  );
  return codes;
}

/** Imports a daily activity CSV (`code,date,scans` rows) the product's way, as the command line's operator. */
export async function importScans(w: World, clock: () => Date, rows: string[]): Promise<void> {
  const provinces = new Map((await w.stores.wards.all()).map((x) => [x.code, x.provinceCode]));
  const r = await importActivity({ ...w.stores, provinceOf: (ward) => provinces.get(ward), clock }, CLI_OPERATOR, Buffer.from(["code,date,scans", ...rows].join("\n")));
  if (!r.ok) throw new Error(`activity import refused: ${r.reason}`);
}
