import { randomBytes } from "node:crypto";
import type { KeyRing } from "../services/registry/payload.js";
import { reportLinks } from "../services/registry/report-link.js";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Connection } from "mongoose";
import type { Stores } from "../models/index.js";
import { zaloUserStore } from "../models/zalo-user.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";
import { createChatLog } from "./chat-log.js";
import { personasSpeak, seedDemoWorld, PERSONAS } from "./demo/demo-world.js";
import { registerEmulators } from "./emulator-routes.js";
import { freePort } from "./free-port.js";
import { registerPage } from "./page-routes.js";
import { createTelegramEmulator } from "./telegram-emulator.js";
import { createZaloEmulator } from "./zalo-emulator.js";

/**
 * What a reset leaves: partner keys were made by an operator (CLI), not seeded, and the OA
 * token pair stays because the emulator spent the first refresh token already.
 */
const KEPT_ON_RESET = new Set(["apiclients", "zalotokens"]);

/** A wildcard address is reached on loopback; a named one as it is. */
const reachable = (host: string) => (host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host);

/**
 * The simulator: the Bot API and OA API emulators in this app's own server, the demo world,
 * and the page where one person plays every role. `config` is what the channels start with:
 * the bot's API root is the emulator, Zalo's OA is the emulator, nothing leaves the machine.
 */
export async function prepareSimulator(base: Config, logger: Logger, stores: Stores, conn: Connection) {
  const port = base.httpPort || (await freePort(base.httpHost));
  const origin = `http://${reachable(base.httpHost)}:${port}`;
  const telegram = createTelegramEmulator({ username: base.botUsername, apiRoot: `${origin}/sim/telegram` });
  const keys = { appId: "simulator", appSecret: randomBytes(12).toString("hex"), oaSecretKey: randomBytes(12).toString("hex"), refreshToken: randomBytes(12).toString("hex") };
  const zaloRoot = { href: `${origin}/sim/zalo` };
  const zalo = createZaloEmulator(keys, zaloRoot);
  // The emulator's tokens live in memory: a pair stored by an earlier run would be refused.
  await conn.collection("zalotokens").deleteMany({ _id: keys.appId } as never);
  const zaloUsers = zaloUserStore(conn);
  await zaloUsers.syncIndexes();
  await seedDemoWorld(stores, zaloUsers);
  for (const p of PERSONAS) if (p.channel === "zalo") zalo.setProfile(p.userId, p.name);

  const config: Config = {
    ...base,
    httpPort: port,
    botToken: `${telegram.botInfo.id}:simulator`,
    telegramApiRoot: telegram.apiRoot,
    botMode: "polling",
    zalo: { appId: keys.appId, appSecret: keys.appSecret, oaSecretKey: keys.oaSecretKey, initialRefreshToken: keys.refreshToken, apiRoot: zaloRoot.href, oauthRoot: zaloRoot.href },
  };
  const log = createChatLog({ telegram, zalo, fileUrl: (id) => `/sim/api/file/${id}`, zaloFileUrl: (id) => `/sim/zalo/attachments/${id}` });

  return {
    config,
    botInfo: telegram.botInfo,
    url: `${origin}/`,
    /** Registers the emulators and the page; call before the server listens. */
    mount(server: FastifyInstance, deps: { directory: WardDirectory; signingKey: KeyRing }): void {
      registerEmulators(server, telegram, zalo);
      registerPage(server, {
        telegram, zalo, log, directory: deps.directory, signingKey: deps.signingKey, links: reportLinks(config), mapTileUrl: base.mapTileUrl, logger,
        galleryDir: join(base.dataDir, "simulator-gallery"),
        zaloWebhook: { url: `${origin}/zalo`, keys: { appId: keys.appId, oaSecretKey: keys.oaSecretKey } },
        hosts: ["127.0.0.1", "localhost", "::1", base.httpHost, ...(base.publicUrl ? [new URL(base.publicUrl).hostname] : [])].map((h) => h.replace(/^\[|\]$/g, "").toLowerCase()),
        speak: (locale) => personasSpeak(stores, zaloUsers, locale),
        reset: async () => {
          // Only the simulator's own database (the embedded one in DATA_DIR) is its to empty.
          if (base.mongodbUri) return false;
          for (const [name, c] of Object.entries(conn.collections)) if (!KEPT_ON_RESET.has(name)) await c.deleteMany({});
          await seedDemoWorld(stores, zaloUsers);
          await deps.directory.refresh();
          log.clear();
          return true;
        },
      });
    },
    announce(): void {
      logger.info({ url: `${origin}/` }, `Mở ${origin}/ để dùng thử (Open it to try the product: every role, no accounts needed)`);
    },
    stop(): Promise<void> {
      log.stop();
      return telegram.close();
    },
  };
}
