import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { authorize } from "../services/access/authorize.js";
import { viewReporterContacts } from "../services/access/reporter-contact.js";
import { collectEvidencePack } from "../services/evidence-export/evidence-pack.js";
import { writeEvidenceZip } from "../services/evidence-export/write-zip.js";
import type { ConsoleContext, ConsolePage } from "./context.js";
import { html } from "./html.js";
import { visibleTicket } from "./ticket-access.js";
import { actionForms, actionNotice } from "./ticket-actions.js";
import { duplicatesSection } from "./same-poster-section.js";
import { photoSection } from "./ticket-photos.js";
import { historySection, notesSection, registrySection, reportsSection, summarySection } from "./ticket-sections.js";

/**
 * GET /tickets/:number: everything about one ticket on one screen, for a viewer who may see it;
 * the reporter's contact only through the audited reveal; the evidence pack as a zip.
 */
export const ticketPage: ConsolePage = (app: FastifyInstance, c: ConsoleContext) => {
  app.get<{ Params: { number: string } }>("/tickets/:number", async (request, reply) => {
    const { viewer, ticket } = await visibleTicket(c, request, request.params.number);
    const { t } = viewer;
    const venue = ticket.venueCode ? await c.deps.stores.venues.byCode(ticket.venueCode) : undefined;
    const mayContact = !authorize(viewer.account, ticket, "message_reporter");
    const zip = `/console/tickets/${encodeURIComponent(ticket.number)}/evidence.zip`;
    const body = html`
      ${actionNotice(viewer, ticket, request.query as Record<string, unknown>)}
      <div class="grid">
        <div>
          ${summarySection(c, viewer, ticket, c.deps.clock())}
          <section class="card"><h2>${t("console-ticket-actions")}</h2>${actionForms(c, viewer, ticket)}
            <p><a class="button" href="${zip}" download>${t("console-ticket-evidence-zip")}</a></p></section>
          ${await photoSection(c, viewer, ticket)}
        </div>
        <div>
          ${registrySection(c, viewer, ticket, venue)}
          ${reportsSection(viewer, ticket, mayContact)}
          ${await duplicatesSection(c, viewer, ticket)}
          ${notesSection(viewer, ticket)}
          ${historySection(c, viewer, ticket)}
        </div>
      </div>`;
    return c.page(reply, viewer, { title: t("console-ticket-title", { number: ticket.number }), active: "queue", body });
  });

  // A POST, so that every view is one deliberate, audited request (as the chat's /contact).
  app.post<{ Params: { number: string } }>("/tickets/:number/contact", async (request, reply) => {
    const { viewer, ticket } = await visibleTicket(c, request, request.params.number);
    const { t } = viewer;
    const r = await viewReporterContacts({ ...c.deps.stores, clock: c.deps.clock }, viewer.account.id, ticket.id);
    const back = html`<p><a class="button" href="/console/tickets/${encodeURIComponent(ticket.number)}">${t("console-back")}</a></p>`;
    const body = r.ok
      ? html`<div class="card narrow"><p class="muted">${t("console-contact-logged")}</p><ul>${r.contacts.map((x) => html`<li>${t("console-contact-line", { n: x.n, name: x.name ?? "—", phone: x.phone ?? "—" })}</li>`)}</ul>${back}</div>`
      : html`<div class="card narrow notice"><p>${t(`refused-${r.reason}`)}</p>${back}</div>`;
    return c.page(reply.header("cache-control", "no-store"), viewer, { title: t("console-contact-title", { number: ticket.number }), active: "queue", body, status: r.ok ? 200 : 403 });
  });

  app.get<{ Params: { number: string } }>("/tickets/:number/evidence.zip", async (request, reply) => {
    const { viewer, ticket } = await visibleTicket(c, request, request.params.number);
    const pack = await collectEvidencePack(c.deps.stores, ticket);
    await c.deps.stores.audit.append({ at: c.deps.clock(), actorId: viewer.account.id, actorRole: viewer.account.role, action: "export", subjectKind: "ticket", subjectId: ticket.id, note: `console: ${pack.photos.length} photos` });
    const out = new PassThrough();
    writeEvidenceZip([pack], out).catch((err: unknown) => out.destroy(err as Error));
    return reply.header("content-type", "application/zip").header("content-disposition", `attachment; filename="${ticket.number}-evidence.zip"`).send(out);
  });
};
