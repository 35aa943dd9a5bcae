import type { FastifyInstance } from "fastify";
import type { Connection } from "mongoose";
import { createStores, type Stores } from "../../models/index.js";
import { OPEN311_PREFIX, open311Plugin, type Open311Deps } from "../../open311/plugin.js";
import { createLogger, type Logger } from "../../platform/logger.js";
import { createServer } from "../../server/app.js";
import { createApiKey } from "../../services/access/api-keys.js";
import { decodeQr } from "../../services/qr/decode-qr.js";
import { seedDemoRegistry, type DemoRegistry } from "../../services/registry/demo-registry.js";
import { createCodeVerifier } from "../../services/registry/verify-code.js";
import { createWardResolver } from "../../services/routing/resolve-ward.js";
import { createWardDirectory, type WardDirectory } from "../../services/routing/ward-directory.js";
import type { TransitionDeps } from "../../services/tickets/transition.js";

export const OPEN311_SIGNING_KEY = "test-signing-key-for-open311";

/**
 * The real HTTP server (server/app.ts) with the Open311 plugin registered as the composition
 * root does, on 127.0.0.1, over the test database seeded with the Huế demo registry.
 */
export async function startOpen311Server(
  conn: Connection,
  o: {
    requestsPerMinute?: number;
    publicUrl?: string;
    logger?: Logger;
    trustProxy?: string[];
    alongside?: (server: FastifyInstance, world: { stores: Stores; directory: WardDirectory; clock: () => Date }) => Promise<void>;
  } & Pick<Open311Deps, "jurisdictionIds" | "corsOrigins" | "contact" | "keyService"> = {},
) {
  const stores: Stores = createStores(conn);
  await stores.syncIndexes();
  const demo: DemoRegistry = await seedDemoRegistry(stores, OPEN311_SIGNING_KEY);
  const directory = createWardDirectory(stores.wards);
  await directory.refresh();
  const now = { value: new Date("2026-11-23T03:00:00Z") };
  const clock = () => now.value;
  const verifier = createCodeVerifier({ venues: stores.venues, directory, signingKey: OPEN311_SIGNING_KEY, maxDistanceM: 200 });
  const server = createServer({ trustProxy: o.trustProxy });
  await server.register(
    open311Plugin({
      stores,
      intake: { decoder: { decode: (b) => decodeQr(b) }, verifier, resolveWard: createWardResolver({ directory, venues: stores.venues }) },
      directory,
      clock,
      logger: o.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
      defaultLocale: "vi",
      requestsPerMinute: o.requestsPerMinute,
      publicUrl: o.publicUrl,
      jurisdictionIds: o.jurisdictionIds,
      corsOrigins: o.corsOrigins,
      contact: o.contact,
      keyService: o.keyService,
    }),
    { prefix: OPEN311_PREFIX },
  );
  // Another surface on the same server (the public reports pages read what Open311 filed).
  await o.alongside?.(server, { stores, directory, clock });
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}${OPEN311_PREFIX}`;
  const transitions: TransitionDeps = { ...stores, clock };
  return {
    origin: `http://127.0.0.1:${port}`,
    base,
    stores,
    /** The server's ward directory: refresh it after importing other wards. */
    directory,
    demo,
    now,
    transitions,
    /** A key as `npm run cli -- open311 keys create` makes it. */
    key: async (name: string, provinceCode?: string) => createApiKey(stores.apiClients, name, provinceCode, clock()),
    close: () => server.close(),
  };
}

export type Open311Server = Awaited<ReturnType<typeof startOpen311Server>>;
