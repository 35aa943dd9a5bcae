import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbCommands } from "../../../cli/commands/db.js";
import { CliUserError } from "../../../cli/command.js";
import { photoFiles } from "../../../models/photo-files.js";
import { openConnection } from "../../../platform/database.js";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../../platform/embedded-mongo/index.js";
import { createLogger } from "../../../platform/logger.js";
import { copyDatabase, dataCollections, PHOTO_FILES, type CopyProgress } from "../../../services/database-copy/copy-database.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const PHOTOS = "../shared/data/qr-photos/zxing-blackbox/falsepositives-2";
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Every document of every collection, by _id, and the SHA-256 of every photo: what "equal" means for a copy. */
async function snapshot(conn: Connection) {
  const db = conn.db!;
  const collections: Record<string, unknown[]> = {};
  for (const name of await dataCollections(db)) collections[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
  const photos = photoFiles(conn);
  const hashes: Record<string, string> = {};
  for (const f of await db.collection(PHOTO_FILES).find({}, { projection: { _id: 1 } }).toArray()) hashes[String(f._id)] = sha256(await photos.read(String(f._id)));
  return { collections, hashes };
}

// Two databases written and read whole several times: minutes on a loaded shared machine.
describe("npm run cli -- db copy --to <mongodb-uri>", { timeout: 240_000 }, () => {
  const db = useTestDatabase();
  let second: EmbeddedMongo;
  let secondDir: string;
  const targets: Connection[] = [];
  const copy = dbCommands.find((c) => c.name === "copy")!;
  const targetUri = (name: string) => {
    const u = new URL(second.uri);
    u.pathname = `/${name}`;
    return u.href;
  };
  const target = async (name: string) => {
    const conn = await openConnection(second.uri, name);
    targets.push(conn);
    return conn;
  };

  beforeAll(async () => {
    // The target: a second embedded server of its own, as an administrator's new MongoDB would be.
    secondDir = await mkdtemp(join(tmpdir(), "db-copy-target-"));
    second = await startEmbeddedMongo({ dataDir: secondDir, logger: createLogger("silent") });
    const w = await ticketWorld(db());
    const images = (await readdir(PHOTOS)).filter((f) => f.endsWith(".png")).slice(0, 6).map((f) => join(PHOTOS, f));
    images.push("tests/fixtures/images/example.heic"); // 700 kB: three GridFS chunks
    const evidenceIds = [];
    for (const file of images) {
      const e = await w.stores.evidence.save({ bytes: await readFile(file), mime: file.endsWith(".heic") ? "image/heic" : "image/png", accountId: w.reporter.id, channel: "telegram", receivedAt: w.clock.now() });
      evidenceIds.push(e.id);
    }
    for (let i = 0; i < 12; i++) await w.ticket(i % 3 === 0 ? "acknowledged" : "new", { evidenceIds: evidenceIds.slice(i % 7, (i % 7) + 1) });
  }, 120_000);

  afterAll(async () => {
    for (const t of targets) await t.close();
    await second?.stop();
    await rm(secondDir, { recursive: true, force: true });
  });

  it("copies every document, index and photo, verifies them and prints the MONGODB_URI to set", async () => {
    const uri = targetUri("moved");
    const ctx = testCliContext(db());
    await copy.run(["--to", uri, "--batch", "5"], ctx);
    const out = ctx.printed();
    expect(out).toMatch(/tickets\s+10 \/ 12\n/); // progress, batch by batch
    expect(out).toMatch(/photos: 7 compared by SHA-256, 0 different/);
    expect(out).toContain(`MONGODB_URI=${uri}\n`);
    const moved = await target("moved");
    expect(await snapshot(moved)).toEqual(await snapshot(db()));
    // The unique indexes the app relies on came along (a ticket number cannot be taken twice).
    const unique = (await moved.db!.collection("tickets").indexes()).filter((i) => i.unique).map((i) => Object.keys(i.key).join());
    expect(unique).toContain("number");
    expect(await dataCollections(moved.db!)).not.toContain("dbcopy.checkpoints");
  });

  it("resumes an interrupted copy after its last checkpoint instead of starting over", async () => {
    const source = await snapshot(db());
    const conn = await target("resumed");
    const seen: CopyProgress[] = [];
    await expect(
      copyDatabase(db(), conn, {
        batchSize: 4,
        onBatch: (p) => {
          seen.push(p);
          if (p.collection === "tickets" && p.copied === 8) throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    expect(await conn.db!.collection("tickets").countDocuments()).toBe(8);
    const doneBefore = new Set(seen.filter((p) => p.collection !== "tickets").map((p) => p.collection));

    const ctx = testCliContext(db());
    await copy.run(["--to", targetUri("resumed"), "--batch", "4"], ctx);
    const again = ctx.printed().split("\ncopied ")[0]!;
    // Tickets go on from the ninth; the collections finished before are not read again.
    expect(again).toMatch(/tickets\s+12 \/ 12\n/);
    expect(again).not.toMatch(/tickets\s+4 \/ 12\n/);
    for (const name of doneBefore) if (name < "tickets") expect(again).not.toMatch(new RegExp(`\\n  ${name.replace(".", "\\.")}\\s`));
    expect(await snapshot(conn)).toEqual(source);
  });

  it("refuses a target that already holds data, unless told to replace it with --force", async () => {
    const conn = await target("occupied");
    await conn.db!.collection("tickets").insertOne({ number: "OTHER-1" });
    const ctx = testCliContext(db());
    const refused = copy.run(["--to", targetUri("occupied")], ctx);
    await expect(refused).rejects.toBeInstanceOf(CliUserError);
    await expect(refused).rejects.toThrow(/already holds data \(tickets\).*--force/);
    expect(await conn.db!.collection("tickets").countDocuments()).toBe(1);
    await copy.run(["--to", targetUri("occupied"), "--force"], ctx);
    expect(await snapshot(conn)).toEqual(await snapshot(db()));
  });

  it("refuses what is not a MongoDB connection string", async () => {
    await expect(copy.run(["--to", "http://example.com/db"], testCliContext(db()))).rejects.toThrow(/not a MongoDB connection string/);
    await expect(copy.run([], testCliContext(db()))).rejects.toThrow(/usage: db copy/);
  });
});
