import type { Channel } from "../../models/account.js";
import type { ViolationType } from "../../models/ticket.js";
import { evidenceFacts } from "../evidence/evidence-facts.js";
import type { DecoderPool } from "../qr/decoder-pool.js";
import { DecoderBusyError, ImageRejectedError } from "../qr/errors.js";
import type { CodeVerifier, Verification } from "../registry/verify-code.js";
import { distanceM } from "../routing/distance.js";
import type { Routing, RoutingInput } from "../routing/resolve-ward.js";
import type { LatLng } from "../routing/ward-ref.js";
import { submitReport, type ReportPhoto, type SubmitResult, type SubmitStores } from "../tickets/submit-report.js";

/** A photo whose own GPS lies farther than this from the reported location is flagged for officers. */
export const EXIF_FAR_M = 500;

export interface IntakeDeps {
  stores: SubmitStores;
  decoder: Pick<DecoderPool, "decode">;
  verifier: Pick<CodeVerifier, "verifyCode">;
  resolveWard: (input: RoutingInput) => Promise<Routing | undefined>;
  clock: () => Date;
}

/** A complete report from a channel that cannot ask back (an API, a form): every answer is given up front. */
export interface IntakeReport {
  accountId: string;
  channel: Channel;
  violationType: ViolationType;
  location?: LatLng;
  /** The venue's registry code, when the reporter knows it. */
  venueCode?: string;
  /** The ward the reporter names, used only when neither the location nor a venue decides. */
  chosenWardCode?: string;
  address?: string;
  note?: string;
  photos: { bytes: Buffer; filename?: string }[];
  /** What the chat would ask: file "cannot be scanned" although the server reads the code? */
  fileIfReadable: boolean;
  /** What the chat would ask: file "wrong information" although the code is the venue's official one here? */
  fileIfOfficial: boolean;
  /** Reports are accepted only for wards of this province (a client bound to one). */
  provinceCode?: string;
  via?: string;
}

export type IntakeRefusal = "image_rejected" | "decoder_busy" | "no_ward" | "other_province" | "code_readable" | "code_official";

export type IntakeResult =
  | { ok: true; submitted: SubmitResult; verification?: Verification }
  | { ok: false; reason: IntakeRefusal };

/**
 * The report pipeline for channels without a conversation: decode each photo, check its
 * code against the registry at the reported place, route to the responsible ward, then
 * submit (merge or open, notify the ward, set the due dates). A refusal stores nothing.
 */
export async function fileReport(deps: IntakeDeps, r: IntakeReport): Promise<IntakeResult> {
  const photos: ReportPhoto[] = [];
  const gps: LatLng[] = [];
  for (const p of r.photos) {
    try {
      const decode = await deps.decoder.decode(p.bytes);
      const facts = await evidenceFacts(p.bytes);
      photos.push({ bytes: p.bytes, mime: facts.mime, filename: p.filename, decode, exif: facts.exif });
      if (facts.exif.gps) gps.push(facts.exif.gps);
    } catch (e) {
      if (e instanceof ImageRejectedError) return { ok: false, reason: "image_rejected" };
      if (e instanceof DecoderBusyError) return { ok: false, reason: "decoder_busy" };
      throw e;
    }
  }
  const decodedText = photos.flatMap((p) => p.decode?.codes ?? [])[0]?.text;
  if (r.violationType === "unscannable" && decodedText && !r.fileIfReadable) return { ok: false, reason: "code_readable" };
  const verification = decodedText ? await deps.verifier.verifyCode(decodedText, r.location) : undefined;
  if (r.violationType === "wrong_info" && verification?.verdict === "official" && !r.fileIfOfficial) return { ok: false, reason: "code_official" };

  const routing = await deps.resolveWard({ location: r.location, venueCode: r.venueCode ?? verification?.venue?.code, chosenWardCode: r.chosenWardCode });
  if (!routing) return { ok: false, reason: "no_ward" };
  if (r.provinceCode && routing.ward.provinceCode !== r.provinceCode) return { ok: false, reason: "other_province" };

  const here = r.location;
  const far = here && gps.some((g) => distanceM(here, g) > EXIF_FAR_M);
  const now = deps.clock();
  const submitted = await submitReport(
    deps.stores,
    {
      accountId: r.accountId, channel: r.channel, violationType: r.violationType, ward: routing.ward, location: r.location,
      address: r.address, note: r.note, photos, decodedText, verification, flags: far ? ["exif_gps_far"] : [], via: r.via,
    },
    now,
  );
  return { ok: true, submitted, verification };
}
