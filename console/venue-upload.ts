import multipart from "@fastify/multipart";
import { importActivity } from "../services/registry/activity-import.js";
import { ImportInputError, listedRejections, type ImportSummary } from "../services/registry/import-report.js";
import { importVenuesAs } from "../services/registry/venue-import.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage, Viewer } from "./context.js";
import { html } from "./html.js";
import { venueAccess } from "./venue-access.js";

/** A registry of 50,000 venues is about 6 MB of CSV. */
const MAX_BYTES = 32 * 1024 * 1024;
const KINDS = ["venues", "activity"] as const;
type Kind = (typeof KINDS)[number];

function uploadForm(v: Viewer, kind: Kind) {
  const { t } = v;
  return html`<form class="card" method="post" enctype="multipart/form-data" action="/console/venues/import?kind=${kind}&amp;_csrf=${encodeURIComponent(v.session.csrf)}">
    <h2>${t(`venues-upload-${kind}-title`)}</h2>
    <p class="muted">${t(`venues-upload-${kind}-columns`)}</p>
    <p class="toolbar"><input type="file" name="file" accept=".csv,text/csv" required aria-label="${t(`venues-upload-${kind}-title`)}"><button class="primary" type="submit">${t("venues-upload-send")}</button></p>
  </form>`;
}

/** The CLI's report, in the viewer's language: the totals, then one line per rejected row, then unknown codes. */
function report(v: Viewer, kind: Kind, fileName: string, s: ImportSummary) {
  const { t } = v;
  const rejected = listedRejections(s.rejected);
  return html`<section class="card" id="import-report">
    <h2>${t("venues-upload-report", { file: fileName })}</h2>
    <p id="import-totals">${t("venues-upload-totals", { added: s.added, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected.length })}</p>
    ${s.rejected.length ? html`<ul class="report-lines" id="import-rejected">${rejected.listed.map((r) => html`<li>${r.where.replace(/^line /, `${t("venues-upload-line")} `)}: ${t(`import-reason-${r.reason}`)}${r.detail ? ` (${r.detail})` : ""}</li>`)}</ul>` : ""}
    ${rejected.more > 0 ? html`<p id="import-more">${t("venues-upload-more", { count: rejected.more, reasons: rejected.byReason.map(([reason, n]) => `${t(`import-reason-${reason}`)} ${n}`).join(", ") })}</p>` : ""}
    ${s.unknown?.length ? html`<p id="import-unknown">${t("venues-upload-unknown", { count: s.unknown.length })} ${s.unknown.join(", ")}</p>` : ""}
    <p><a href="/console/venues">${t("venues-page-title")}</a>${kind === "activity" ? html` · <a href="/console/compliance">${t("compliance-page-title")}</a>` : ""}</p>
  </section>`;
}

async function runImport(c: ConsoleContext, v: Viewer, kind: Kind, bytes: Buffer): Promise<ImportSummary> {
  const deps = { ...c.deps.stores, clock: c.deps.clock, provinceOf: (ward: string) => c.deps.directory.byCode(ward)?.provinceCode };
  try {
    const result = kind === "venues" ? await importVenuesAs(deps, v.account, bytes) : await importActivity(deps, v.account, bytes);
    if (!result.ok) throw new ConsoleError(403, "console-error-forbidden");
    return result.summary;
  } catch (e) {
    if (e instanceof ImportInputError) throw new ConsoleError(400, `import-input-${e.reason}`, { detail: e.message.replace(/^[^:]*: /, "") });
    throw e;
  }
}

/** /console/venues/import: the keeper's and administrators' CSV uploads (venues, check-in activity) with the per-line report. */
export const venueUpload: ConsolePage = (app, c) => {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 0, parts: 1 } });

    scope.get("/venues/import", async (request, reply) => {
      const viewer = c.viewer(request);
      if (!venueAccess(viewer).keeps) throw new ConsoleError(403, "console-error-forbidden");
      const body = html`${KINDS.map((k) => uploadForm(viewer, k))}`;
      return c.page(reply, viewer, { title: viewer.t("venues-page-upload"), active: "venues", body, styles: ["views.css"] });
    });

    scope.post<{ Querystring: { kind?: string } }>("/venues/import", async (request, reply) => {
      const viewer = c.viewer(request);
      if (!venueAccess(viewer).keeps) throw new ConsoleError(403, "console-error-forbidden");
      const kind = KINDS.find((k) => k === request.query.kind);
      if (!kind || !request.isMultipart()) throw new ConsoleError(400, "venues-upload-no-file");
      const file = await request.file();
      if (!file) throw new ConsoleError(400, "venues-upload-no-file");
      const bytes = await file.toBuffer().catch((e: { code?: string }) => {
        if (e.code === "FST_REQ_FILE_TOO_LARGE") throw new ConsoleError(400, "venues-upload-too-large", { mb: MAX_BYTES / 1024 / 1024 });
        throw e;
      });
      if (bytes.length === 0) throw new ConsoleError(400, "venues-upload-no-file");
      const summary = await runImport(c, viewer, kind, bytes);
      return c.page(reply, viewer, { title: viewer.t("venues-page-upload"), active: "venues", body: report(viewer, kind, file.filename, summary), styles: ["views.css"] });
    });
  });
};
