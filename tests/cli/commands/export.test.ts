import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCommands } from "../../../cli/commands/export.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";
import { unzip } from "../../support/unzip.js";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("npm run cli -- export", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let dir: string;
  beforeAll(async () => {
    w = await ticketWorld(db());
    dir = await mkdtemp(join(tmpdir(), "export-test-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("writes the original photos byte for byte, evidence.json with their hashes and a Vietnamese summary", async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } }).jpeg({ quality: 71 }).toBuffer();
    const evidence = await w.stores.evidence.save({ bytes: photo, mime: "image/jpeg", accountId: w.reporter.id, channel: "telegram", receivedAt: w.clock.now(), exif: { make: "Test" } });
    const t = await w.ticket("new", { evidenceIds: [evidence.id] });
    const out = join(dir, "one.zip");
    const ctx = testCliContext(db());
    await exportCommands[0]!.run([t.number, "--out", out], ctx);
    expect(ctx.printed()).toMatch(/1 ticket\(s\), 1 photo\(s\)/);

    const files = await unzip(out);
    const photos = [...files].filter(([name]) => name.startsWith(`${t.number}/photos/`));
    expect(photos).toHaveLength(1);
    expect(sha(photos[0]![1])).toBe(evidence.sha256);
    const json = JSON.parse(files.get(`${t.number}/evidence.json`)!.toString("utf8"));
    expect(json.photos[0]).toMatchObject({ sha256: evidence.sha256, file: photos[0]![0].slice(t.number.length + 1) });
    expect(json.reports[0].reporter).toBe("resident #1");
    const summary = files.get(`${t.number}/tom-tat.txt`)!.toString("utf8");
    expect(summary).toContain(`HỒ SƠ CHỨNG CỨ — PHẢN ÁNH ${t.number}`);
    expect(summary).toContain("Loại vi phạm: Không dán mã QR");
    // The venue by its registered name, its code beside it for the registry.
    expect(summary).toContain("Cơ sở: Quán Bún Bò Mệ Kéo (mã V-1)");
    expect(summary).toContain(evidence.sha256);
  });

  it("exports every ticket of a ward in a date range", async () => {
    const out = join(dir, "ward.zip");
    const day = w.clock.now().toISOString().slice(0, 10);
    await exportCommands[0]!.run(["--ward", "W1", "--from", day, "--to", day, "--out", out], testCliContext(db()));
    const names = [...(await unzip(out)).keys()].filter((n) => n.endsWith("evidence.json"));
    expect(names.length).toBeGreaterThanOrEqual(1);
  });
});
