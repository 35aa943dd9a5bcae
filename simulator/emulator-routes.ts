import type { FastifyInstance } from "fastify";
import { declareAudience } from "../server/route-table.js";
import type { TelegramEmulator } from "./telegram-emulator.js";
import type { ZaloEmulator } from "./zalo-emulator.js";

/** Uploads to the Bot API go up to 50 MB; a little more so the emulator, not the server, decides. */
const EMULATOR_BODY_LIMIT = 64 * 1024 * 1024;

/** Every body as raw bytes: the emulators parse requests the way Telegram's and Zalo's servers do. */
function rawBodies(app: FastifyInstance): void {
  declareAudience(app, "emulator");
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: EMULATOR_BODY_LIMIT }, (_req, body, done) => done(null, body));
}

/** The Bot API emulator at /sim/telegram (the bot's TELEGRAM_API_ROOT) and the OA API emulator at /sim/zalo. */
export function registerEmulators(server: FastifyInstance, telegram: TelegramEmulator, zalo: ZaloEmulator): void {
  void server.register(
    async (app) => {
      rawBodies(app);
      app.all("/*", async (req, reply) => {
        const answer = await telegram.handle({
          method: req.method, url: req.url.slice("/sim/telegram".length), contentType: req.headers["content-type"] ?? "", body: (req.body as Buffer | undefined) ?? Buffer.alloc(0),
        });
        return reply.code(answer.status).type(answer.type).send(answer.body);
      });
    },
    { prefix: "/sim/telegram" },
  );
  void server.register(
    async (app) => {
      rawBodies(app);
      app.all("/*", async (req, reply) => {
        reply.hijack();
        await zalo.handle({ method: req.method, url: req.url.slice("/sim/zalo".length), headers: req.headers }, reply.raw, (req.body as Buffer | undefined) ?? Buffer.alloc(0));
      });
    },
    { prefix: "/sim/zalo" },
  );
}
