import { randomBytes } from "node:crypto";
import type { ApiClient, apiClientStore } from "../../models/api-client.js";
import { secretHash } from "./secret-hash.js";

type Clients = ReturnType<typeof apiClientStore>;

/** A new key for a partner system: returned once to print, only its hash is stored. */
export async function createApiKey(clients: Clients, name: string, provinceCode: string | undefined, at: Date): Promise<{ client: ApiClient; key: string }> {
  const key = `o311_${randomBytes(24).toString("base64url")}`;
  const client = await clients.create({ name, keyHash: secretHash(key), provinceCode, createdAt: at });
  return { client, key };
}

/** The active client holding `key`; undefined for anything else (no hint whether it ever existed). */
export async function clientOfKey(clients: Clients, key: string): Promise<ApiClient | undefined> {
  if (!/^o311_[A-Za-z0-9_-]{32}$/.test(key)) return undefined;
  return clients.activeByKeyHash(secretHash(key));
}
