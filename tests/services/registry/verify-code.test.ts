import { beforeAll, describe, expect, it } from "vitest";
import { venueStore } from "../../../models/venue.js";
import { wardStore } from "../../../models/ward.js";
import { seedDemoRegistry, type DemoRegistry } from "../../../services/registry/demo-registry.js";
import { parsePayload, signPayload } from "../../../services/registry/payload.js";
import { importVenues } from "../../../services/registry/venue-import.js";
import { createWardResolver } from "../../../services/routing/resolve-ward.js";
import { createCodeVerifier, type CodeVerifier } from "../../../services/registry/verify-code.js";
import { createWardDirectory, type WardDirectory } from "../../../services/routing/ward-directory.js";
import { useTestDatabase } from "../../support/database.js";

const KEY = "test-registry-key-0123456789";
const PHU_XUAN = { lat: 16.4852, lng: 107.5702 }; // HUE-0001 is registered at 16.4850,107.5700
const VY_DA = { lat: 16.482, lng: 107.605 };

describe("verifying a decoded code and routing a report", () => {
  const db = useTestDatabase();
  let demo: DemoRegistry;
  let directory: WardDirectory;
  let verifier: CodeVerifier;
  let venues: ReturnType<typeof venueStore>;
  beforeAll(async () => {
    const wards = wardStore(db());
    venues = venueStore(db());
    await Promise.all([wards.syncIndexes(), venues.syncIndexes()]);
    demo = await seedDemoRegistry({ wards, venues }, KEY);
    directory = createWardDirectory(wards);
    await directory.refresh();
    verifier = createCodeVerifier({ venues, directory, signingKey: KEY, maxDistanceM: 200 });
  });

  it("signs payloads that parse back, and tells edited ones", () => {
    const p = signPayload("HUE-0001", KEY);
    expect(p).toMatch(/^VNQR1:HUE-0001:[A-Za-z0-9_-]{16}$/);
    expect(parsePayload(p, KEY)).toEqual({ kind: "signed", venueCode: "HUE-0001", keyId: "0" });
    expect(parsePayload(p.replace("0001", "0002"), KEY)).toEqual({ kind: "bad_signature", venueCode: "HUE-0002" });
    expect(parsePayload(p, "another-key-0123456789")).toMatchObject({ kind: "bad_signature" });
    expect(parsePayload("https://example.com", KEY)).toEqual({ kind: "not_ours" });
  });

  it("official: our signed code of an active venue, scanned where it is registered", async () => {
    const r = await verifier.verifyCode(demo.payloads["HUE-0001"]!, PHU_XUAN);
    expect(r).toMatchObject({ verdict: "official", venue: { code: "HUE-0001", name: "Quán cà phê Sông Hương" } });
    expect(r.distanceM).toBeLessThan(50);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect((await verifier.verifyCode(demo.payloads["HUE-0001"]!)).verdict).toBe("official");
  });

  it("official_elsewhere: reported in another ward, or too far inside the same ward", async () => {
    expect(await verifier.verifyCode(demo.payloads["HUE-0001"]!, VY_DA)).toMatchObject({ verdict: "official_elsewhere", reason: "other_ward" });
    const far = await verifier.verifyCode(demo.payloads["HUE-0001"]!, { lat: 16.498, lng: 107.553 });
    expect(far).toMatchObject({ verdict: "official_elsewhere", reason: "too_far" });
    expect(far.distanceM).toBeGreaterThan(2000);
  });

  it("official_inactive: a suspended or closed venue's code", async () => {
    expect(await verifier.verifyCode(demo.payloads["HUE-0004"]!)).toMatchObject({ verdict: "official_inactive", reason: "suspended" });
    expect(await verifier.verifyCode(demo.payloads["HUE-0005"]!)).toMatchObject({ verdict: "official_inactive", reason: "closed" });
  });

  it("forged: our format with a bad signature, found before any lookup", async () => {
    const forged = demo.payloads["HUE-0001"]!.replace("HUE-0001", "HUE-0002");
    expect(await verifier.verifyCode(forged)).toEqual({ verdict: "forged", reason: "bad_signature" });
    expect(await verifier.verifyCode("VNQR1:HUE-0001:short")).toEqual({ verdict: "forged", reason: "bad_signature" });
  });

  it("a registered legacy URL matches after normalisation of case, slash and parameter order", async () => {
    const r = await verifier.verifyCode("HTTPS://TokhaiYte.vn/?venue=HUE-0003&page=Checkin", { lat: 16.476, lng: 107.585 });
    expect(r).toMatchObject({ verdict: "official_old", venue: { code: "HUE-0003" } });
  });
  it("official_old: a venue's registered old payload is that venue's old code, even where it does not hang, with where it belongs", async () => {
    const old = "https://tokhaiyte.vn/?page=Checkin&venue=HUE-0003";
    expect(await verifier.verifyCode(old)).toMatchObject({ verdict: "official_old", venue: { code: "HUE-0003" } });
    expect(await verifier.verifyCode(old, { lat: 16.482, lng: 107.605 })).toMatchObject({ verdict: "official_old", venue: { code: "HUE-0003" }, reason: "other_ward" });
  });

  it("unregistered: a check-in code that matches no venue", async () => {
    expect(await verifier.verifyCode(signPayload("HUE-9999", KEY))).toEqual({ verdict: "unregistered", reason: "unknown_venue" });
    expect(await verifier.verifyCode("https://tokhaiyte.vn/?page=Checkin&venue=NOPE")).toEqual({ verdict: "unregistered", reason: "unknown_checkin_url" });
  });

  it("a national check-in code of 2021 (PC-COVID) is a check-in code: unregistered, or that venue's old code (official_old) through its registered old payload", async () => {
    const csv = `code,name,address,category,ward_code,lat,lng,status,qr_payloads
HUE-0100,Nhà sách Phú Xuân,"5 Lê Lợi, Phú Xuân",supermarket_shop,19753,16.4851,107.5701,active,qr.pccovid.gov.vn/location/7A21F0C9
`;
    await importVenues(venues, new TextEncoder().encode(csv), (c) => c === "19753", "test");
    expect(await verifier.verifyCode("https://QR.PCCOVID.GOV.VN/location/7A21F0C9/", PHU_XUAN)).toMatchObject({ verdict: "official_old", venue: { code: "HUE-0100" } });
    expect(await verifier.verifyCode("https://qr.pccovid.gov.vn/location/00000000")).toEqual({ verdict: "unregistered", reason: "unknown_checkin_url" });
    expect(await verifier.verifyCode("qr.pccovid.gov.vn/location/00000000")).toEqual({ verdict: "unregistered", reason: "unknown_checkin_url" });
    expect(await verifier.verifyCode("https://qr.tokhaiyte.vn/checkin/123")).toEqual({ verdict: "unregistered", reason: "unknown_checkin_url" });
    expect(await verifier.verifyCode("https://pccovid.gov.vn.example.com/x")).toEqual({ verdict: "foreign", reason: "website" });
  });

  it("foreign: a VietQR payment code, a plain website, free text", async () => {
    const vietqr = "00020101021238570010A000000727012700069704220113VQRQ0001234560208QRIBFTTA53037045802VN6304ABCD";
    expect(await verifier.verifyCode(vietqr)).toEqual({ verdict: "foreign", reason: "payment_code" });
    expect(await verifier.verifyCode("https://www.facebook.com/quancafe")).toEqual({ verdict: "foreign", reason: "website" });
    expect(await verifier.verifyCode("Wi-Fi: cafe123")).toEqual({ verdict: "foreign", reason: "text" });
  });

  it("routing: location first, then the venue, then the chosen ward", async () => {
    const resolveWard = createWardResolver({ directory, venues });
    expect(await resolveWard({ location: VY_DA, venueCode: "HUE-0001", chosenWardCode: "19789" })).toMatchObject({ ward: { code: "19777" }, method: "location" });
    expect(await resolveWard({ venueCode: "HUE-0001", chosenWardCode: "19789" })).toMatchObject({ ward: { code: "19753" }, method: "venue" });
    // Outside every boundary the location cannot decide; the venue does.
    expect(await resolveWard({ location: { lat: 16.6, lng: 107.9 }, venueCode: "HUE-0006" })).toMatchObject({ ward: { code: "19815" }, method: "venue" });
    expect(await resolveWard({ venueCode: "NOPE", chosenWardCode: "19789" })).toMatchObject({ ward: { code: "19789", name: "Thuận Hoá" }, method: "chosen" });
    expect(await resolveWard({ chosenWardCode: "00000" })).toBeUndefined();
    expect(await resolveWard({})).toBeUndefined();
  });
});
