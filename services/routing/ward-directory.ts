import type { wardStore } from "../../models/ward.js";
import { createWardLocator, type Boundary, type WardLocator } from "./ward-locator.js";
import { wardRef, type WardRef } from "./ward-ref.js";
import { createWardSearch, type WardSearch, type WardSearchOptions } from "./ward-search.js";
import { servedProvinceCodes } from "./served-provinces.js";

export interface WardDirectory {
  /** The ward containing the point, or undefined ("unknown") outside every loaded boundary. */
  locate(lat: number, lng: number): WardRef | undefined;
  search(text: string, options?: WardSearchOptions): WardRef[];
  byCode(code: string): WardRef | undefined;
  /** The codes of the provinces with at least one ward (the whole country once the national units file is imported). */
  provinceCodes(): string[];
  /** The provinces this deployment serves (served-provinces.ts): what every surface shows when no province is asked for. */
  servedProvinces(): string[];
  /** A province's name as people write it ("Thành phố Huế"), its code when the directory has no ward of it. */
  provinceName(provinceCode: string): string;
  /** A province's wards by name (the console's filters and transfer targets). */
  inProvince(provinceCode: string): WardRef[];
  /** Reloads wards and boundaries from the database (at start and after every import). */
  refresh(): Promise<{ wards: number; boundaries: number; served: string[] }>;
  /**
   * Reloads only when the stored wards changed since the last load (an import by the CLI or
   * another instance), and looks again at which provinces have venues. True when it reloaded.
   */
  refreshIfChanged(): Promise<boolean>;
}

/** Where the served provinces come from besides the wards: the configuration and the venue registry. */
export interface ServedSource {
  /** SERVED_PROVINCES. */
  configured?: readonly string[];
  /** The wards that have at least one venue (the venue store's wardCodes). */
  venueWardCodes?: () => Promise<string[]>;
}

/**
 * The ward directory in memory: the whole country is a few thousand names and, for the
 * provinces that have them, boundaries; lookups then cost microseconds and no database trip.
 */
export function createWardDirectory(
  wards: Pick<ReturnType<typeof wardStore>, "all" | "withBoundaries" | "fingerprint">,
  source: ServedSource = {},
): WardDirectory {
  let loaded: string | undefined;
  let locator: WardLocator = createWardLocator([]);
  let names: WardSearch = createWardSearch([]);
  let codes = new Map<string, WardRef>();
  let provinces: string[] = [];
  let provinceNames = new Map<string, string>();
  let bounded = new Set<string>();
  let served: string[] = [];
  async function lookAtVenues() {
    const withVenues = new Set<string>();
    for (const code of (await source.venueWardCodes?.()) ?? []) {
      const province = codes.get(code)?.provinceCode;
      if (province) withVenues.add(province);
    }
    served = servedProvinceCodes({ configured: source.configured ?? [], known: provinces, withVenues, withBoundaries: bounded });
  }
  async function refresh() {
    const fingerprint = await wards.fingerprint();
    const [all, withBoundaries] = await Promise.all([wards.all(), wards.withBoundaries()]);
    loaded = fingerprint;
    const refs = all.map(wardRef);
    locator = createWardLocator(withBoundaries.map((w) => ({ ...wardRef(w), boundary: JSON.parse(w.boundaryGeoJson!) as Boundary })));
    names = createWardSearch(refs);
    codes = new Map(refs.map((w) => [w.code, w]));
    provinceNames = new Map(refs.map((w) => [w.provinceCode, w.provinceName]));
    provinces = [...provinceNames.keys()];
    bounded = new Set(withBoundaries.map((w) => w.provinceCode));
    await lookAtVenues();
    return { wards: refs.length, boundaries: locator.size, served };
  }
  return {
    locate: (lat, lng) => locator.locate(lat, lng),
    search: (text, options) => names.search(text, options),
    byCode: (code) => codes.get(code),
    provinceCodes: () => provinces,
    servedProvinces: () => served,
    provinceName: (provinceCode) => provinceNames.get(provinceCode) ?? provinceCode,
    inProvince: (provinceCode) => [...codes.values()].filter((w) => w.provinceCode === provinceCode).sort((a, b) => a.name.localeCompare(b.name, "vi")),
    refresh,
    async refreshIfChanged() {
      if ((await wards.fingerprint()) === loaded) {
        await lookAtVenues();
        return false;
      }
      await refresh();
      return true;
    },
  };
}
