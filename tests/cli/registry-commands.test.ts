import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../../cli/run.js";
import { decodeQr } from "../../services/qr/decode-qr.js";
import { DEMO_BOUNDARIES, DEMO_UNITS, DEMO_VENUES_CSV } from "../../services/registry/demo-registry.js";
import { useTestDatabase } from "../support/database.js";
import { photograph } from "../support/posters.js";

describe("the registry command line", () => {
  const db = useTestDatabase();
  let dir: string;
  let env: Record<string, string>;

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on("data", (c: Buffer) => chunks.out.push(c));
    err.on("data", (c: Buffer) => chunks.err.push(c));
    const code = await runCli(args, { env, out, err });
    return { code, out: Buffer.concat(chunks.out).toString(), err: Buffer.concat(chunks.err).toString() };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cli-registry-"));
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${db().name}`;
    env = { MONGODB_URI: uri.toString(), REGISTRY_SIGNING_KEY: "cli-test-signing-key-0123", LOG_LEVEL: "error" };
    await writeFile(join(dir, "units.json"), JSON.stringify(DEMO_UNITS));
    await writeFile(join(dir, "b.geojson"), JSON.stringify(DEMO_BOUNDARIES));
    await writeFile(join(dir, "venues.csv"), DEMO_VENUES_CSV);
    await writeFile(join(dir, "latin1.csv"), Buffer.from("code,name,address,category,ward_code,lat,lng\nX,Caf\xe9,1,other,19753,16.48,107.57\n", "latin1"));
  });

  it("imports wards and venues, printing summaries", async () => {
    const wards = await cli("wards", "import", join(dir, "units.json"), join(dir, "b.geojson"));
    expect(wards).toMatchObject({ code: 0, out: expect.stringContaining("wards: 4 added, 0 updated, 0 unchanged, 0 rejected") });
    const venues = await cli("venues", "import", join(dir, "venues.csv"));
    expect(venues).toMatchObject({ code: 0, out: "venues: 6 added, 0 updated, 0 unchanged, 0 rejected\n" });
  });

  it("locates, searches and exports", async () => {
    expect((await cli("wards", "locate", "16.485", "107.57")).out).toBe("19753\tPhường Phú Xuân, Thành phố Huế\n");
    expect((await cli("wards", "locate", "-16.4", "107.5")).out).toBe("unknown\n");
    expect((await cli("wards", "search", "P.", "Thuan", "Hoa", "--province", "46")).out).toMatch(/^19789\tPhường Thuận Hoá/);
    const exported = await cli("venues", "export", "--out", join(dir, "out.csv"));
    expect(exported).toMatchObject({ code: 0, out: `6 venues written to ${join(dir, "out.csv")}\n` });
    expect(await readFile(join(dir, "out.csv"), "utf8")).toContain("HUE-0004,Karaoke Ánh Trăng");
  });

  it("a poster rendered by the command, photographed and decoded back, verifies as official", async () => {
    const png = join(dir, "poster.png");
    expect((await cli("venues", "poster", "HUE-0001", "--out", png)).code).toBe(0);
    const photo = await photograph(await readFile(png), { rotateDeg: 8, perspective: 0.15 });
    const decoded = await decodeQr(photo);
    expect(decoded.outcome).toBe("decoded");
    const verify = await cli("verify", decoded.codes[0]!.text, "--at", "16.4851,107.5701");
    expect(verify).toMatchObject({ code: 0, out: expect.stringMatching(/^official HUE-0001 "Quán cà phê Sông Hương"/) });
    expect((await cli("verify", decoded.codes[0]!.text, "--at", "16.482,107.605")).out).toMatch(/^official_elsewhere .* other_ward/);
    expect((await cli("venues", "poster", "HUE-0002", "--out", join(dir, "p.pdf"))).code).toBe(0);
    expect((await readFile(join(dir, "p.pdf"))).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("exit code 1 with a clear message for mistakes the user can fix", async () => {
    expect(await cli("wards", "fly")).toMatchObject({ code: 1, err: expect.stringContaining("usage:") });
    expect(await cli("wards", "import", join(dir, "missing.json"))).toMatchObject({ code: 1, err: expect.stringContaining("cannot read") });
    expect(await cli("wards", "locate", "north", "107")).toMatchObject({ code: 1, err: expect.stringContaining("not a latitude") });
    expect(await cli("venues", "import", join(dir, "latin1.csv"))).toMatchObject({ code: 1, err: expect.stringContaining("not UTF-8") });
    expect(await cli("venues", "poster", "NOPE", "--out", join(dir, "x.png"))).toMatchObject({ code: 1, err: "error: no venue with code NOPE\n" });
    expect(await cli("venues", "poster", "HUE-0001", "--out", join(dir, "x.txt"))).toMatchObject({ code: 1 });
    expect(await cli("verify", "x", "--at", "16.4")).toMatchObject({ code: 1 });
    expect((await cli("verify", "VNQR1:HUE-0001:AAAAAAAAAAAAAAAA")).out).toBe("forged — bad_signature\n");
  });

  it("exit code 2 for an internal error", async () => {
    const boom = { group: "", name: "boom", usage: "boom", summary: "", run: () => Promise.reject(new Error("disk on fire")) };
    const out = new PassThrough();
    const err = new PassThrough();
    expect(await runCli(["boom"], { env, out, err }, [boom])).toBe(2);
    expect(String(err.read())).toContain("internal error: Error: disk on fire");
  });
});
