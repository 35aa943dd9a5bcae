import { beforeAll, describe, expect, it } from "vitest";
import { CliUserError } from "../../../cli/command.js";
import { open311Commands } from "../../../cli/commands/open311.js";
import { createStores } from "../../../models/index.js";
import { clientOfKey } from "../../../services/access/api-keys.js";
import { seedDemoRegistry } from "../../../services/registry/demo-registry.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";

const [keys] = open311Commands;

describe("npm run cli -- open311 keys", () => {
  const db = useTestDatabase();
  beforeAll(async () => {
    const stores = createStores(db());
    await stores.syncIndexes();
    await seedDemoRegistry(stores, "test-signing-key-for-cli-keys");
  });

  it("create prints the key once and stores only its hash; list shows the client; revoke ends the key at once", async () => {
    const created = testCliContext(db());
    await keys!.run(["create", "Trung tâm IOC Huế", "--province", "46"], created);
    const key = /API key \(shown only now, store it safely\): (o311_[A-Za-z0-9_-]{32})$/m.exec(created.printed())?.[1];
    expect(key).toBeDefined();
    const id = /^([0-9a-f]{24})\tTrung tâm IOC Huế\t46\t/m.exec(created.printed())![1]!;
    const raw = await db().collection("apiclients").findOne({});
    expect(JSON.stringify(raw)).not.toContain(key!);
    const stores = createStores(db());
    expect(await clientOfKey(stores.apiClients, key!)).toMatchObject({ id, name: "Trung tâm IOC Huế", provinceCode: "46" });

    const listed = testCliContext(db());
    await keys!.run(["list"], listed);
    expect(listed.printed()).toMatch(new RegExp(`^${id}\\tTrung tâm IOC Huế\\t46\\t.*\\tactive$`, "m"));
    expect(listed.printed()).not.toContain(key!);

    const revoked = testCliContext(db());
    await keys!.run(["revoke", id], revoked);
    expect(revoked.printed()).toMatch(/revoked/);
    expect(await clientOfKey(stores.apiClients, key!)).toBeUndefined();
    expect((await stores.audit.of("api_client", id)).map((a) => a.action)).toEqual(["create_api_key", "revoke_api_key"]);
  });

  it("explains a missing name, an unknown province, a bad id and an unknown verb", async () => {
    await expect(keys!.run(["create"], testCliContext(db()))).rejects.toBeInstanceOf(CliUserError);
    await expect(keys!.run(["create", "X", "--province", "79"], testCliContext(db()))).rejects.toThrow(/no province 79/);
    await expect(keys!.run(["revoke", "123"], testCliContext(db()))).rejects.toThrow(/not a client id/);
    await expect(keys!.run(["revoke", "0123456789abcdef01234567"], testCliContext(db()))).rejects.toThrow(/no client/);
    await expect(keys!.run(["rotate"], testCliContext(db()))).rejects.toThrow(/usage/);
  });
});
