import type { venueStore } from "../../models/venue.js";
import type { WardDirectory } from "./ward-directory.js";

/**
 * The provinces this deployment serves: the configured list, else the provinces of the wards
 * that have registered venues (a deployment imports its own province's venues; the ward
 * directory holds the whole country).
 */
export async function servedProvinces(
  configured: readonly string[],
  venues: Pick<ReturnType<typeof venueStore>, "wardCodes">,
  directory: Pick<WardDirectory, "byCode">,
): Promise<string[]> {
  if (configured.length > 0) return [...configured];
  const provinces = new Set<string>();
  for (const code of await venues.wardCodes()) {
    const province = directory.byCode(code)?.provinceCode;
    if (province) provinces.add(province);
  }
  return [...provinces].sort();
}
