import type { wardStore } from "../../models/ward.js";
import { createWardLocator, type Boundary, type WardLocator } from "./ward-locator.js";
import { wardRef, type WardRef } from "./ward-ref.js";
import { createWardSearch, type WardSearch, type WardSearchOptions } from "./ward-search.js";

export interface WardDirectory {
  /** The ward containing the point, or undefined ("unknown") outside every loaded boundary. */
  locate(lat: number, lng: number): WardRef | undefined;
  search(text: string, options?: WardSearchOptions): WardRef[];
  byCode(code: string): WardRef | undefined;
  /** The codes of the provinces with at least one ward. */
  provinceCodes(): string[];
  /** A province's wards by name (the console's filters and transfer targets). */
  inProvince(provinceCode: string): WardRef[];
  /** Reloads wards and boundaries from the database (at start and after every import). */
  refresh(): Promise<{ wards: number; boundaries: number }>;
  /** Reloads only when the stored wards changed since the last load (an import by the CLI or another instance). */
  refreshIfChanged(): Promise<boolean>;
}

/**
 * The ward directory in memory: the whole country is a few thousand names and, for the
 * provinces that have them, boundaries; lookups then cost microseconds and no database trip.
 */
export function createWardDirectory(wards: Pick<ReturnType<typeof wardStore>, "all" | "withBoundaries" | "fingerprint">): WardDirectory {
  let loaded: string | undefined;
  let locator: WardLocator = createWardLocator([]);
  let names: WardSearch = createWardSearch([]);
  let codes = new Map<string, WardRef>();
  let provinces: string[] = [];
  async function refresh() {
    const fingerprint = await wards.fingerprint();
    const [all, bounded] = await Promise.all([wards.all(), wards.withBoundaries()]);
    loaded = fingerprint;
    const refs = all.map(wardRef);
    locator = createWardLocator(bounded.map((w) => ({ ...wardRef(w), boundary: JSON.parse(w.boundaryGeoJson!) as Boundary })));
    names = createWardSearch(refs);
    codes = new Map(refs.map((w) => [w.code, w]));
    provinces = [...new Set(refs.map((w) => w.provinceCode))];
    return { wards: refs.length, boundaries: locator.size };
  }
  return {
    locate: (lat, lng) => locator.locate(lat, lng),
    search: (text, options) => names.search(text, options),
    byCode: (code) => codes.get(code),
    provinceCodes: () => provinces,
    inProvince: (provinceCode) => [...codes.values()].filter((w) => w.provinceCode === provinceCode).sort((a, b) => a.name.localeCompare(b.name, "vi")),
    refresh,
    async refreshIfChanged() {
      if ((await wards.fingerprint()) === loaded) return false;
      await refresh();
      return true;
    },
  };
}
