import { describe, expect, it } from "vitest";
import { createLogger } from "../../../platform/logger.js";
import { collectEvidencePack } from "../../../services/evidence-export/evidence-pack.js";
import { summaryVi } from "../../../services/evidence-export/summary-vi.js";
import { pruneClosedPhotos } from "../../../services/housekeeping/prune-closed-photos.js";
import { useTestDatabase } from "../../support/database.js";
import { photograph, renderTestPoster } from "../../support/posters.js";
import { controlledClock, ticketWorld } from "../../support/ticket-world.js";

const DAY = 86_400_000;

describe("photo retention for closed tickets", () => {
  const db = useTestDatabase();

  it("deletes the photos of tickets closed past the retention period, keeping hashes and facts, and nothing else", async () => {
    const clock = controlledClock();
    const w = await ticketWorld(db(), clock);
    const bytes = await photograph(await renderTestPoster({ payload: "https://example.vn", venueName: "Quán A", address: "1 Lê Lợi" }));
    const photo = async () =>
      (await w.stores.evidence.save({ bytes, mime: "image/jpeg", accountId: w.reporter.id, channel: "telegram", receivedAt: clock.now(), preview: bytes })).id;
    const filesAtStart = await w.stores.evidence.countFiles();

    const oldClosed = await w.ticket("no_violation", { evidenceIds: [await photo(), await photo()] });
    const oldOpen = await w.ticket("acknowledged", { evidenceIds: [await photo()] });
    clock.advance(300 * DAY);
    const recentClosed = await w.ticket("violation_confirmed", { evidenceIds: [await photo()] });
    expect(await w.stores.evidence.countFiles()).toBe(filesAtStart + 8);

    clock.advance(70 * DAY);
    const deps = { stores: w.stores, clock: clock.now, logger: createLogger("silent"), retentionDays: 365 };
    expect(await pruneClosedPhotos({ ...deps, retentionDays: 0 })).toEqual({ tickets: 0, photos: 0 });
    expect(await pruneClosedPhotos(deps)).toEqual({ tickets: 1, photos: 2 });
    // Two originals and their two previews are gone; the open and the recently closed tickets keep theirs.
    expect(await w.stores.evidence.countFiles()).toBe(filesAtStart + 4);
    expect(await pruneClosedPhotos(deps)).toEqual({ tickets: 0, photos: 0 });

    const kept = await w.stores.evidence.byId(oldClosed.reports[0]!.evidenceIds[0]!);
    expect(kept).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: bytes.length, prunedAt: clock.now() });
    const pack = await collectEvidencePack(w.stores, (await w.stores.tickets.byId(oldClosed.id))!);
    expect(pack.photos).toEqual([]);
    expect(pack.pruned.map((e) => e.sha256)).toEqual([kept!.sha256, kept!.sha256]);
    expect(summaryVi(pack)).toContain(`Ảnh đã xoá theo thời hạn lưu trữ (2)`);
    for (const t of [oldOpen, recentClosed]) {
      const p = await collectEvidencePack(w.stores, (await w.stores.tickets.byId(t.id))!);
      expect(p.photos.map((x) => x.bytes.length)).toEqual([bytes.length]);
    }
  });
});
