import type { FastifyInstance } from "fastify";
import { formatDate } from "../services/text/format.js";
import type { Evidence } from "../models/evidence.js";
import type { Ticket } from "../models/ticket.js";
import type { ExifFacts } from "../services/evidence/evidence-facts.js";
import type { DecodeResult } from "../services/qr/decode-qr.js";
import { distanceM } from "../services/routing/distance.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage, Viewer } from "./context.js";
import { html, type Html } from "./html.js";
import { visibleTicket } from "./ticket-access.js";
import { whereSvg } from "./where-svg.js";
import { publishForm } from "./publish-form.js";
import { label, reporterNumbers } from "../services/text/labels.js";
import { visibleText } from "../services/text/visible-text.js";

const photoUrl = (tk: Ticket, e: Evidence, kind: "preview" | "original") => `/console/tickets/${encodeURIComponent(tk.number)}/photos/${e.id}/${kind}`;
const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic" };

function decodeFacts(v: Viewer, decode: DecodeResult | undefined): Html {
  if (!decode) return html``;
  const { t } = v;
  return html`<dt>${t("console-photo-decode")}</dt><dd>${decode.outcome === "decoded" ? t("console-photo-decoded", { count: decode.codes.length }) : t("console-photo-no-code")}
    ${decode.codes.length ? html`<details><summary>${t("console-ticket-decoded-show")}</summary>${decode.codes.map((code) => html`<div class="hash">${visibleText(code.text)}</div>`)}</details>` : ""}
    <details><summary>${t("console-photo-attempts")} (${decode.attempts.length})</summary><ol>${decode.attempts.map((a) => html`<li>${t("console-attempt-line", { engine: a.engine, variant: a.variant, ms: a.ms, found: a.found })}</li>`)}</ol></details></dd>`;
}

/** One photo: the annotated preview, the original for download, its hash and what the server read from it. */
function photoCard(v: Viewer, tk: Ticket, e: Evidence, reported: Ticket["location"]): Html {
  const { t, locale } = v;
  const exif = (e.exif ?? {}) as ExifFacts;
  const gps = exif.gps;
  const far = gps && reported ? distanceM(reported, gps) : undefined;
  if (e.prunedAt) return html`<div class="photo"><p class="muted">${t("console-photo-pruned", { at: formatDate(e.prunedAt, locale) })}</p><dl class="facts"><dt>${t("console-photo-sha256")}</dt><dd class="hash">${e.sha256}</dd></dl></div>`;
  return html`<figure class="photo">
    <div><img src="${e.previewFileId ? photoUrl(tk, e, "preview") : photoUrl(tk, e, "original")}" alt="${t("console-photo-preview")}" loading="lazy">
    <p><a class="button" href="${photoUrl(tk, e, "original")}" download>${t("console-photo-original")}</a></p>
    ${gps && reported && far !== undefined ? whereSvg(reported, gps, far, { reported: t("console-map-reported"), photo: t("console-map-photo") }) : ""}</div>
    <dl class="facts">
      <dt>${t("console-photo-sha256")}</dt><dd class="hash">${e.sha256}</dd>
      <dt>${t("console-photo-size")}</dt><dd>${(e.size / 1024).toFixed(0)} KB · ${e.mime}</dd>
      <dt>${t("console-photo-received")}</dt><dd>${formatDate(e.receivedAt, locale)}</dd>
      <dt>${t("console-photo-taken")}</dt><dd>${exif.takenAt ?? "—"}</dd>
      <dt>${t("console-photo-device")}</dt><dd>${[exif.make, exif.model].filter(Boolean).join(" ") || "—"}${exif.software ? ` · ${exif.software}` : ""}</dd>
      <dt>${t("console-photo-gps")}</dt><dd>${gps ? html`${gps.lat.toFixed(6)}, ${gps.lng.toFixed(6)}${far !== undefined ? html` · <strong>${t("console-photo-distance", { m: Math.round(far) })}</strong>` : ""}` : t("console-photo-gps-none")}</dd>
      ${decodeFacts(v, e.decode as DecodeResult | undefined)}
    </dl>
  </figure>`;
}

/** The photo section of the ticket page, report by report ("resident #n", never who). */
export async function photoSection(c: ConsoleContext, v: Viewer, tk: Ticket): Promise<Html> {
  const cards: Html[] = [];
  const people = reporterNumbers(tk.reports);
  for (const r of tk.reports) {
    for (const id of r.evidenceIds) {
      const e = await c.deps.stores.evidence.byId(id);
      if (e) cards.push(html`<div class="report-photo"><p class="muted">${v.t("console-report-line", { n: people.get(r.accountId) ?? 0, channel: label(v.t, "channel", r.channel), at: formatDate(r.at, v.locale) })}</p>${photoCard(v, tk, e, r.location ?? tk.location)}${publishForm(v, tk, e.id)}</div>`);
    }
  }
  return html`<section class="card"><h2>${v.t("console-ticket-photos")}</h2>${cards.length ? html`<div class="photos">${cards}</div>` : html`<p class="muted">${v.t("console-ticket-photos-none")}</p>`}</section>`;
}

/** The photo files themselves, only of a ticket the viewer may see and only its own photos. */
export const photoRoutes: ConsolePage = (app: FastifyInstance, c: ConsoleContext) => {
  app.get<{ Params: { number: string; id: string; kind: string } }>("/tickets/:number/photos/:id/:kind", async (request, reply) => {
    const { viewer, ticket } = await visibleTicket(c, request, request.params.number);
    const { id, kind } = request.params;
    const own = ticket.reports.some((r) => r.evidenceIds.includes(id));
    const e = own && (kind === "preview" || kind === "original") ? await c.deps.stores.evidence.byId(id) : undefined;
    const fileId = kind === "preview" ? e?.previewFileId : e?.fileId;
    if (!e || !fileId || e.prunedAt) throw new ConsoleError(404, "console-error-not-found");
    const bytes = await c.deps.stores.evidence.readFile(fileId);
    if (kind === "preview") return reply.header("content-type", "image/jpeg").header("cache-control", "private, max-age=300").send(bytes);
    await c.deps.stores.audit.append({ at: c.deps.clock(), actorId: viewer.account.id, actorRole: viewer.account.role, action: "console_photo_download", subjectKind: "ticket", subjectId: ticket.id, note: e.sha256 });
    const name = `${ticket.number}-${e.sha256.slice(0, 12)}.${EXT[e.mime] ?? "bin"}`;
    return reply.header("content-type", e.mime).header("content-disposition", `attachment; filename="${name}"`).header("cache-control", "private, no-store").send(bytes);
  });
};
