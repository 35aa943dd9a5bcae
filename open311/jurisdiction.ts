import type { WardDirectory } from "../services/routing/ward-directory.js";
import { Open311Error } from "./errors.js";

/**
 * Which jurisdiction_id values this deployment answers to (OPEN311_JURISDICTION_IDS, listed in
 * discovery; the served provinces' codes when none are configured, services/routing/served-provinces.ts). Clients send a domain,
 * as both published clients' READMEs show (`hue.gov.vn`): such an id names the whole
 * deployment, a province code that province. The spec makes the argument optional when an
 * endpoint serves one jurisdiction; a call without one is served. Compared without case.
 */
export function createJurisdictions(configured: string[] | undefined, directory: Pick<WardDirectory, "provinceCodes" | "servedProvinces">) {
  const ids = () => (configured?.length ? configured : directory.servedProvinces());
  return {
    ids,
    /** The province an id scopes a call to (undefined: the whole deployment); an id not listed is the spec's 404. */
    provinceOf(id: string): string | undefined {
      const known = ids().find((j) => j.toLowerCase() === id.toLowerCase());
      if (!known) throw new Open311Error(404, "open311-error-jurisdiction", { id: id.slice(0, 64), ids: ids().join(", ") });
      return directory.provinceCodes().includes(known) ? known : undefined;
    },
  };
}
