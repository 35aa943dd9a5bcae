import type { Venue } from "../models/venue.js";
import { registryScope, venueScope } from "../services/access/authorize.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, Viewer } from "./context.js";

/**
 * What a viewer may do with the registry in the console, from the stored account
 * (authorize.ts): look venues up (administrators, the province's keeper, supervisors and
 * enforcement), and change it or print its posters (administrators and the keeper only).
 */
export function venueAccess(viewer: Viewer): { provinceCode?: string; keeps: boolean } {
  const scope = venueScope(viewer.account);
  if (typeof scope === "string") throw new ConsoleError(403, "console-error-forbidden");
  return { ...scope, keeps: typeof registryScope(viewer.account) !== "string" };
}

/** The wards a viewer's venue lookups cover (undefined: every ward). */
export function venueWards(c: ConsoleContext, access: { provinceCode?: string }): string[] | undefined {
  return access.provinceCode === undefined ? undefined : c.deps.directory.inProvince(access.provinceCode).map((w) => w.code);
}

/** A venue the viewer may see, or 404 (a venue of another province is not theirs to know of). */
export async function visibleVenue(c: ConsoleContext, access: { provinceCode?: string }, code: string): Promise<Venue> {
  const venue = await c.deps.stores.venues.byCode(code);
  const province = venue ? c.deps.directory.byCode(venue.wardCode)?.provinceCode : undefined;
  if (!venue || (access.provinceCode !== undefined && province !== access.provinceCode)) throw new ConsoleError(404, "venues-page-unknown", { code });
  return venue;
}
