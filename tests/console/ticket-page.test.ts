import { createHash } from "node:crypto";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../models/account.js";
import type { Ticket } from "../../models/ticket.js";
import { openTicket } from "../../services/tickets/open-ticket.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { consoleServer, signIn, type ConsoleClient } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { ticketWorld } from "../support/ticket-world.js";
import { unzip } from "../support/unzip.js";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("the console's ticket page", () => {
  const conn = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let server: Awaited<ReturnType<typeof consoleServer>>;
  let photo: Buffer;
  let evidenceId: string;
  const as = async (role: Role, scope: { wardCode?: string; provinceCode?: string } = {}): Promise<ConsoleClient> =>
    signIn(server, w.stores, w.clock.now, await w.account(role, scope));
  const withPhoto = async (): Promise<Ticket> => w.ticket("new", { evidenceIds: [evidenceId] });

  beforeAll(async () => {
    w = await ticketWorld(conn());
    server = await consoleServer(w.stores, w.clock.now);
    photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } }).jpeg({ quality: 71 }).toBuffer();
    const preview = await sharp(photo).jpeg({ quality: 50 }).toBuffer();
    // Taken 150 m north of the reported place (16.47, 107.58).
    const exif = { takenAt: "2026-11-23T14:55:00+07:00", make: "Apple", model: "iPhone 13", gps: { lat: 16.47135, lng: 107.58 } };
    const decode = { outcome: "no_code_found", codes: [], image: {}, attempts: [{ engine: "zxing", variant: "original", ms: 12, found: 0 }], ms: 12 };
    evidenceId = (await w.stores.evidence.save({ bytes: photo, preview, mime: "image/jpeg", accountId: w.reporter.id, channel: "telegram", receivedAt: w.clock.now(), exif, decode })).id;
  });

  it("authorization: own ward and province may look, another ward or province and the registry's keeper get 403 on every endpoint", async () => {
    const tk = await withPhoto();
    const urls = [`/console/tickets/${tk.number}`, `/console/tickets/${tk.number}/photos/${evidenceId}/original`, `/console/tickets/${tk.number}/photos/${evidenceId}/preview`, `/console/tickets/${tk.number}/evidence.zip`];
    const cases: [Role, { wardCode?: string; provinceCode?: string }, number][] = [
      ["officer", { wardCode: "W1" }, 200], ["supervisor", { provinceCode: "P1" }, 200], ["enforcement", { provinceCode: "P1" }, 200], ["admin", {}, 200],
      ["officer", { wardCode: "W2" }, 403], ["supervisor", { provinceCode: "P2" }, 403], ["enforcement", { provinceCode: "P2" }, 403], ["registry", { provinceCode: "P1" }, 403],
    ];
    for (const [role, scope, status] of cases) {
      const c = await as(role, scope);
      for (const url of urls) expect([role, scope, url, (await c.get(url)).statusCode]).toEqual([role, scope, url, status]);
      for (const [url, form] of [[`/console/tickets/${tk.number}/action`, { op: "ack", version: String(tk.version) }], [`/console/tickets/${tk.number}/contact`, {}]] as const) {
        if (status === 403) expect((await c.post(url, form)).statusCode).toBe(403);
      }
    }
    expect((await w.stores.tickets.byId(tk.id))!.state).toBe("new");
    expect((await (await as("officer", { wardCode: "W1" })).get("/console/tickets/NO-SUCH-1")).statusCode).toBe(404);
    expect((await (await as("officer", { wardCode: "W1" })).get("/console/tickets/%3Cscript%3E")).statusCode).toBe(404);
  });

  it("shows the photo's hash, EXIF facts, distance to the reported place, the decode attempts and the venue's record", async () => {
    const tk = await withPhoto();
    const page = (await (await as("enforcement", { provinceCode: "P1" })).get(`/console/tickets/${tk.number}`)).body;
    expect(page).toContain(sha(photo));
    expect(page).toContain("iPhone 13");
    expect(page).toContain("2026-11-23T14:55:00+07:00");
    expect(page).toMatch(/cách vị trí báo cáo 15\d m/);
    expect(page).toContain("<svg class=\"where\"");
    expect(page).toContain("zxing · original · 12 ms · 0 mã");
    expect(page).toContain("Quán Bún Bò Mệ Kéo");
    expect(page).toContain("Người dân #1");
    expect(page).not.toContain(w.reporter.displayName!);
  });

  it("the original downloads byte for byte; the zip holds it and the summary; both are audited", async () => {
    const tk = await withPhoto();
    const sup = await as("supervisor", { provinceCode: "P1" });
    const original = await sup.get(`/console/tickets/${tk.number}/photos/${evidenceId}/original`);
    expect(original.rawPayload.equals(photo)).toBe(true);
    expect(original.headers["content-disposition"]).toContain("attachment");
    const zip = await unzip((await sup.get(`/console/tickets/${tk.number}/evidence.zip`)).rawPayload);
    const photos = [...zip].filter(([name]) => name.startsWith(`${tk.number}/photos/`));
    expect(photos.map(([, b]) => sha(b))).toEqual([sha(photo)]);
    expect(zip.has(`${tk.number}/tom-tat.txt`)).toBe(true);
    expect((await w.stores.audit.of("ticket", tk.id)).map((e) => e.action)).toEqual(expect.arrayContaining(["console_photo_download", "export"]));
    // A photo of another ticket is not reachable through this one.
    const other = await w.ticket("new");
    expect((await sup.get(`/console/tickets/${other.number}/photos/${evidenceId}/original`)).statusCode).toBe(404);
  });

  it("an officer acts from the page through the transition, notes are escaped, an old page is refused as stale", async () => {
    const tk = await withPhoto();
    const officer = await as("officer", { wardCode: "W1" });
    const page = (await officer.get(`/console/tickets/${tk.number}`)).body;
    expect(page).toContain("✅ Tiếp nhận");
    const ack = await officer.post(`/console/tickets/${tk.number}/action`, { op: "ack", version: String(tk.version) });
    expect(ack.statusCode).toBe(303);
    expect(ack.headers.location).toBe(`/console/tickets/${tk.number}?done=state`);
    expect((await officer.get(ack.headers.location as string)).body).toContain(`Đã cập nhật ${tk.number}: đã tiếp nhận`);
    const after = (await w.stores.tickets.byId(tk.id))!;
    expect(after.state).toBe("acknowledged");
    expect(after.history.at(-1)).toMatchObject({ action: "acknowledge", actorRole: "officer" });
    const stale = await officer.post(`/console/tickets/${tk.number}/action`, { op: "insp", version: String(tk.version) });
    expect(stale.headers.location).toBe(`/console/tickets/${tk.number}?refused=stale`);
    const note = await officer.post(`/console/tickets/${tk.number}/action`, { op: "note", text: "<b>gọi chủ quán</b>", version: "0" });
    expect(note.headers.location).toContain("done=note");
    const shown = (await officer.get(`/console/tickets/${tk.number}`)).body;
    expect(shown).toContain("&lt;b&gt;gọi chủ quán&lt;/b&gt;");
    expect((await officer.post(`/console/tickets/${tk.number}/action`, { op: "boom" })).statusCode).toBe(400);
  });

  it("enforcement sees no ward buttons and is refused them; an administrator reads only", async () => {
    const tk = await withPhoto();
    const enf = await as("enforcement", { provinceCode: "P1" });
    expect((await enf.get(`/console/tickets/${tk.number}`)).body).not.toContain("✅ Tiếp nhận");
    const r = await enf.post(`/console/tickets/${tk.number}/action`, { op: "ack", version: String(tk.version) });
    expect(r.headers.location).toContain("refused=forbidden");
    const admin = await as("admin");
    expect((await admin.get(`/console/tickets/${tk.number}`)).body).toContain("Vai trò của bạn không có thao tác nào");
  });

  it("an inspection found the venue closed: the province's keeper confirms it from the page, the ward's officer cannot", async () => {
    const officer = await w.account("officer", { wardCode: "W1" });
    const opened = await openTicket(w.stores, {
      violationType: "not_scanned", source: "inspection", wardCode: "W1", provinceCode: "P1", venueCode: "V-1", verdict: "not_scanned",
      event: { at: w.clock.now(), actorId: "keeper", actorRole: "registry", action: "inspection_issued", to: "new" },
    }, { provinceName: "P1" });
    expect(await transitionTicket(w.deps, officer.id, opened.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
    const found = await transitionTicket(w.deps, officer.id, opened.id, { kind: "record_finding", finding: "venue_closed" });
    expect(found).toMatchObject({ ok: true, to: "venue_closed" });
    const tk = found.ok ? found.ticket : opened;
    const confirm = "✅ Xác nhận cơ sở đã ngừng hoạt động";

    const ward = await signIn(server, w.stores, w.clock.now, officer);
    expect((await ward.get(`/console/tickets/${tk.number}`)).body).not.toContain(confirm);
    expect((await ward.post(`/console/tickets/${tk.number}/action`, { op: "vcy", version: String(tk.version) })).headers.location).toContain("refused=forbidden");

    const keeper = await as("registry", { provinceCode: "P1" });
    expect((await keeper.get(`/console/tickets/${tk.number}`)).body).toContain(confirm);
    expect((await keeper.post(`/console/tickets/${tk.number}/action`, { op: "vcy", version: String(tk.version) })).headers.location).toContain("done=state");
    expect((await w.stores.venues.byCode("V-1"))!.status).toBe("closed");
  });

  it("the reporter's contact: only after acknowledging, only to the ward's staff, and every view audited", async () => {
    const tk = await withPhoto();
    await w.stores.accounts.ensure("telegram", "contact-phone");
    const officer = await as("officer", { wardCode: "W1" });
    const early = await officer.post(`/console/tickets/${tk.number}/contact`);
    expect(early.statusCode).toBe(403);
    expect(early.body).toContain("sau khi đã tiếp nhận");
    await officer.post(`/console/tickets/${tk.number}/action`, { op: "ack", version: String(tk.version) });
    const shown = await officer.post(`/console/tickets/${tk.number}/contact`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`Người dân #1: ${w.reporter.displayName}`);
    expect((await w.stores.audit.of("ticket", tk.id)).filter((e) => e.action === "view_contact")).toHaveLength(1);
    expect((await (await as("enforcement", { provinceCode: "P1" })).post(`/console/tickets/${tk.number}/contact`)).statusCode).toBe(403);
    expect((await officer.post(`/console/tickets/${tk.number}/contact`, {}, { csrf: false })).statusCode).toBe(403);
  });

  it("an officer publishes a photo from the ticket page and takes it back; the button is theirs alone, and each press is audited", async () => {
    const tk = await withPhoto();
    const officer = await as("officer", { wardCode: "W1" });
    const page = (await officer.get(`/console/tickets/${tk.number}`)).body;
    expect(page).toContain(`name="photo" value="${evidenceId}"`);
    expect(page).toContain("Công khai ảnh này");
    const done = await officer.post(`/console/tickets/${tk.number}/action`, { op: "publish", photo: evidenceId });
    expect(done.headers.location).toBe(`/console/tickets/${tk.number}?done=photo`);
    expect((await w.stores.tickets.byId(tk.id))!.publicPhotos).toEqual([expect.objectContaining({ evidenceId, publicId: expect.stringMatching(/^[A-Za-z0-9_-]{36}$/) })]);
    const after = (await officer.get(`/console/tickets/${tk.number}?done=photo`)).body;
    expect(after).toContain("Ảnh đang công khai.");
    expect(after).toContain("Thôi công khai ảnh");
    expect((await w.stores.audit.of("ticket", tk.id)).at(-1)).toMatchObject({ action: "publish_photo", actorRole: "officer", note: `publish ${evidenceId}` });

    // Enforcement reads the ticket but does not publish: no button, and a forged form is refused.
    const enf = await as("enforcement", { provinceCode: "P1" });
    expect((await enf.get(`/console/tickets/${tk.number}`)).body).not.toContain(`name="photo"`);
    expect((await enf.post(`/console/tickets/${tk.number}/action`, { op: "unpublish", photo: evidenceId })).headers.location).toContain("refused=forbidden");
    expect((await officer.post(`/console/tickets/${tk.number}/action`, { op: "publish", photo: "0123456789abcdef01234567" })).headers.location).toContain("refused=invalid_target");

    await officer.post(`/console/tickets/${tk.number}/action`, { op: "unpublish", photo: evidenceId });
    expect((await w.stores.tickets.byId(tk.id))!.publicPhotos).toEqual([]);
  });
});
