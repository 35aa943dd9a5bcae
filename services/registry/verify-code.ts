import type { venueStore } from "../../models/venue.js";
import { distanceM } from "../routing/distance.js";
import { checkinSystemOfHost } from "./checkin-systems.js";
import { asUrl, normalisePayload } from "./normalise-payload.js";
import { parsePayload, type KeyRing } from "./payload.js";
import { isReportLink, type ReportLinks } from "./report-link.js";
import type { WardDirectory } from "../routing/ward-directory.js";
import type { LatLng } from "../routing/ward-ref.js";
import { venueRef, type VenueRef } from "./venue-ref.js";

/**
 * `official_old`: a payload the registry lists for the venue besides its signed code, i.e. the
 * venue's older poster (the 2021 national check-in link): still this venue's, but to be replaced.
 */
export type Verdict = "official" | "official_old" | "official_elsewhere" | "official_inactive" | "forged" | "unregistered" | "foreign";

/** Plain data: reason codes, never texts; texts live in locales/. */
export interface Verification {
  verdict: Verdict;
  venue?: VenueRef;
  reason?:
    | "other_ward"
    | "too_far"
    | "suspended"
    | "closed"
    | "bad_signature"
    | "unknown_venue"
    | "unknown_checkin_url"
    | "payment_code"
    | "website"
    | "text"
    | "report_link";
  distanceM?: number;
}

export interface VerifierDeps {
  venues: Pick<ReturnType<typeof venueStore>, "byCode" | "byPayload">;
  directory: Pick<WardDirectory, "locate">;
  signingKey: KeyRing;
  /** Farther than this from the registered place is "elsewhere" even inside the same ward. */
  maxDistanceM: number;
  /** The official poster's second code, the link to this bot: ours, never a venue's code. */
  reportLinks?: ReportLinks;
}

function foreign(text: string): Verification {
  // EMVCo merchant-presented codes (VietQR and other payment QRs) start with "000201".
  if (/^000201/.test(text)) return { verdict: "foreign", reason: "payment_code" };
  return { verdict: "foreign", reason: asUrl(text) ? "website" : "text" };
}

/** A listed older payload: the venue's old code wherever it hangs; a venue no longer active says so first. */
function oldCode(v: Verification): Verification {
  return v.verdict === "official" || v.verdict === "official_elsewhere" ? { ...v, verdict: "official_old" } : v;
}

export function createCodeVerifier(deps: VerifierDeps) {
  function judge(venue: VenueRef, at: LatLng | undefined): Verification {
    if (venue.status !== "active") return { verdict: "official_inactive", venue, reason: venue.status === "closed" ? "closed" : "suspended" };
    if (!at) return { verdict: "official", venue };
    const d = Math.round(distanceM(at, venue.location));
    const ward = deps.directory.locate(at.lat, at.lng);
    if (ward && ward.code !== venue.wardCode) return { verdict: "official_elsewhere", venue, reason: "other_ward", distanceM: d };
    if (d > deps.maxDistanceM) return { verdict: "official_elsewhere", venue, reason: "too_far", distanceM: d };
    return { verdict: "official", venue, distanceM: d };
  }

  return {
    /** Classifies a decoded QR text, optionally against where the resident says the poster hangs. */
    async verifyCode(decodedText: string, reportedLocation?: LatLng): Promise<Verification> {
      const text = decodedText.trim();
      const parsed = parsePayload(text, deps.signingKey);
      if (parsed.kind === "bad_signature") return { verdict: "forged", reason: "bad_signature" };
      if (parsed.kind === "signed") {
        const venue = await deps.venues.byCode(parsed.venueCode);
        return venue ? judge(venueRef(venue), reportedLocation) : { verdict: "unregistered", reason: "unknown_venue" };
      }
      if (!text) return { verdict: "foreign", reason: "text" };
      if (deps.reportLinks && isReportLink(text, deps.reportLinks)) return { verdict: "foreign", reason: "report_link" };
      const normalised = normalisePayload(text);
      const listed = await deps.venues.byPayload(normalised);
      if (listed) return oldCode(judge(venueRef(listed), reportedLocation));
      const host = asUrl(normalised)?.hostname;
      if (host && checkinSystemOfHost(host)) return { verdict: "unregistered", reason: "unknown_checkin_url" };
      return foreign(text);
    },
  };
}

export type CodeVerifier = ReturnType<typeof createCodeVerifier>;
