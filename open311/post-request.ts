import type { FastifyInstance, FastifyRequest } from "fastify";
import { fileReport, type IntakeRefusal } from "../services/intake/file-report.js";
import { submittedArgs } from "../services/tickets/submit-report.js";
import { isServiceCode, readAttributes } from "./catalog.js";
import { Open311Error, badRequest } from "./errors.js";
import type { Open311Context } from "./context.js";
import { stripMarkup } from "./markup.js";
import { attributes, maxLength, optional, readParams, type Params } from "./params.js";
import type { Format } from "./render.js";
import { label } from "../services/text/labels.js";

/** Photos larger than this are refused before decoding; phone photos are 2–6 MB. */
export const MEDIA_MAX_BYTES = 8 * 1024 * 1024;
/** The form without a photo: text fields only. */
export const FORM_MAX_BYTES = 256 * 1024;
const DESCRIPTION_MAX = 4000;
const FIELD_MAX = 200;

const REFUSAL: Record<IntakeRefusal, [Open311Error["status"], string]> = {
  image_rejected: [400, "open311-error-media"],
  decoder_busy: [503, "open311-error-busy"],
  no_ward: [400, "open311-error-no-ward"],
  other_province: [403, "open311-error-other-province"],
  code_readable: [400, "open311-error-code-readable"],
  code_official: [400, "open311-error-code-official"],
};

interface Form {
  params: Params;
  media?: { bytes: Buffer; filename?: string };
}

/** The fields and the one `media` file of a form, either encoding. */
async function readForm(request: FastifyRequest, c: Open311Context): Promise<Form> {
  if (!request.isMultipart()) {
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers["content-type"] ?? "")) throw new Open311Error(415, "open311-error-content-type");
    return { params: readParams(request.query, request.body) };
  }
  const fields: Record<string, string> = {};
  let media: Form["media"];
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "media" || media) throw badRequest("open311-error-media-count");
        // Eight megabytes are read only for a known partner: api_key in the query or a field before the photo.
        await c.keyBeforeMedia(request, fields.api_key);
        media = { bytes: await part.toBuffer(), filename: part.filename || undefined };
      } else {
        if (typeof part.value !== "string" || part.fieldname in fields) throw badRequest("open311-error-param", { name: part.fieldname.slice(0, 64) });
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    // The parser's own complaints (no boundary, truncated data) carry no status: all are the client's.
    const status = (e as { statusCode?: number }).statusCode;
    throw e instanceof Open311Error || (status && status < 500) ? e : badRequest("open311-error-bad-request");
  }
  return { params: readParams(request.query, fields), media };
}

/** A WGS84 point from lat/long, or undefined when neither is given. */
function location(params: Params): { lat: number; lng: number } | undefined {
  const [lat, long] = [optional(params, "lat"), optional(params, "long")];
  if (lat === undefined && long === undefined) return undefined;
  const p = { lat: Number(lat), lng: Number(long) };
  const number = /^-?\d{1,3}(\.\d{1,15})?$/;
  if (!lat || !long || !number.test(lat) || !number.test(long) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) throw badRequest("open311-error-lat-long");
  return p;
}

export function postRequestRoute(app: FastifyInstance, c: Open311Context): void {
  const { deps } = c;
  for (const format of ["xml", "json"] as Format[]) {
    app.post(`/requests.${format}`, { bodyLimit: FORM_MAX_BYTES, config: { audience: "partner" } }, async (request, reply) => {
      const form = await readForm(request, c);
      const { params } = form;
      const client = (await c.gate(request, params, true))!;
      const province = c.scope(params, client);

      const code = optional(params, "service_code");
      if (!code) throw badRequest("open311-error-service-code-missing");
      if (!isServiceCode(code)) throw new Open311Error(404, "open311-error-service-code", { code: code.slice(0, 64) });
      const answers = readAttributes(code, attributes(params));
      // Said by name here, before the intake would only find no ward for the place.
      if (answers.venueCode && !(await deps.stores.venues.byCode(answers.venueCode))) throw badRequest("open311-error-no-venue", { code: answers.venueCode });
      if (answers.wardCode && !deps.directory.byCode(answers.wardCode)) throw badRequest("open311-error-no-ward-code", { code: answers.wardCode });
      const at = location(params);
      const address = maxLength(params, "address_string", FIELD_MAX);
      if (!at && !(address && (answers.venueCode || answers.wardCode))) throw badRequest("open311-error-location");
      const raw = maxLength(params, "description", DESCRIPTION_MAX);
      const note = raw ? stripMarkup(raw) || undefined : undefined;
      const identity = {
        email: maxLength(params, "email", FIELD_MAX),
        phone: maxLength(params, "phone", FIELD_MAX),
        firstName: maxLength(params, "first_name", FIELD_MAX),
        lastName: maxLength(params, "last_name", FIELD_MAX),
        externalAccountId: maxLength(params, "account_id", FIELD_MAX),
        deviceId: maxLength(params, "device_id", FIELD_MAX),
      };
      const mediaUrlGiven = Boolean(maxLength(params, "media_url", 2000));

      const account = await deps.stores.accounts.ensure("open311", client.id, { displayName: client.name });
      const filed = await fileReport(
        { ...deps.intake, stores: deps.stores, clock: deps.clock },
        {
          accountId: account.id, channel: "open311", violationType: code, location: at, venueCode: answers.venueCode, chosenWardCode: answers.wardCode,
          address, note, photos: form.media ? [form.media] : [], fileIfReadable: answers.fileIfReadable, fileIfOfficial: answers.fileIfOfficial,
          provinceCode: province, via: client.name,
        },
      );
      if (!filed.ok) throw new Open311Error(...REFUSAL[filed.reason]);
      const ticketId = filed.submitted.ticketId;
      c.calls.set(request, { client, ticket: filed.submitted.ticketNumber });
      if (Object.values(identity).some(Boolean)) {
        await deps.stores.reporterIdentities.save({ ticketId, clientId: client.id, at: deps.clock(), ...identity });
      }
      const t = c.t(request);
      const notice = [
        t("open311-notice-filed", {
          ...submittedArgs(filed.submitted, t),
          merged: filed.submitted.merged ? "yes" : "no",
          verdict: label(t, "verdict", filed.verification?.verdict ?? "no_code"),
        }),
        ...(mediaUrlGiven ? [t("open311-notice-media-url")] : []),
      ].join(" ");
      return c.send(reply, format, "service_requests", [
        { service_request_id: filed.submitted.ticketNumber, service_notice: notice, account_id: null },
      ]);
    });
  }
}
