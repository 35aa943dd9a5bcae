import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const port = z.coerce
  .number({ error: "expected a whole number from 0 to 65535" })
  .int("expected a whole number from 0 to 65535")
  .min(0, "expected a whole number from 0 to 65535")
  .max(65535, "expected a whole number from 0 to 65535");

const url = z.url({ error: "expected an absolute http(s) URL" });

const schema = z
  .object({
    BOT_TOKEN: optionalString,
    TELEGRAM_API_ROOT: url.default("https://api.telegram.org"),
    BOT_USERNAME: z.string().trim().regex(/^[A-Za-z0-9_]{5,32}$/, "expected a Telegram bot username without @").default("qr_checkin_report_bot"),
    BOT_MODE: z.enum(["polling", "webhook"], { error: "expected polling or webhook" }).default("polling"),
    WEBHOOK_URL: optionalString.pipe(url.optional()),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16 to 256 characters of A-Z, a-z, 0-9, _ or -")
        .optional(),
    ),
    HTTP_HOST: z.string().trim().min(1).default("127.0.0.1"),
    HTTP_PORT: port.default(8080),
    PUBLIC_URL: optionalString.pipe(url.optional()),
    MONGODB_URI: optionalString.pipe(
      z.string().regex(/^mongodb(\+srv)?:\/\//, "expected a mongodb:// or mongodb+srv:// URI").optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default(".data"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "expected fatal, error, warn, info, debug, trace or silent",
      })
      .default("info"),
    DEFAULT_LOCALE: z.enum(["vi", "en"], { error: "expected vi or en" }).default("vi"),
    REGISTRY_SIGNING_KEY: optionalString.pipe(
      z.string().min(16, "expected at least 16 characters").optional(),
    ),
    REGISTRY_SIGNING_KEY_ID: z.string().trim().regex(/^[a-z0-9]{1,8}$/, "expected 1 to 8 of a-z, 0-9").default("0"),
    REGISTRY_RETIRED_KEYS: optionalString.pipe(
      z
        .string()
        .regex(/^[a-z0-9]{1,8}=[^,\s]{16,}(,[a-z0-9]{1,8}=[^,\s]{16,})*$/, "expected id=key pairs separated by commas (ids 1-8 of a-z 0-9, keys of at least 16 characters)")
        .optional(),
    ),
    OPS_ALLOW_FROM: z.string().trim().default("127.0.0.1,::1,::ffff:127.0.0.1"),
    OPS_TOKEN: optionalString.pipe(z.string().min(24, "expected at least 24 characters").optional()),
    PHOTO_RETENTION_DAYS: z.coerce
      .number({ error: "expected a whole number of days (0 keeps photos for ever)" })
      .int("expected a whole number of days (0 keeps photos for ever)")
      .min(0, "expected a whole number of days (0 keeps photos for ever)")
      .default(365),
    TEXT_RETENTION_DAYS: z.coerce
      .number({ error: "expected a whole number of days (0 keeps residents' words for ever)" })
      .int("expected a whole number of days (0 keeps residents' words for ever)")
      .min(0, "expected a whole number of days (0 keeps residents' words for ever)")
      .default(365),
    VENUE_MAX_DISTANCE_M: z.coerce
      .number({ error: "expected a distance in metres" })
      .positive("expected a distance in metres")
      .default(200),
    SERVED_PROVINCES: optionalString.pipe(
      z.string().regex(/^\d{1,3}(,\d{1,3})*$/, "expected province codes separated by commas, e.g. 46,48").optional(),
    ),
    ZALO_OA_ID: optionalString.pipe(z.string().regex(/^\d{5,25}$/, "expected the Official Account's numeric id").optional()),
    // Measured with bench:console on the FerretDB fallback (docs/operations.md, "How far the embedded database goes").
    EMBEDDED_TICKET_LIMIT: z.coerce.number({ error: "expected a whole number of tickets" }).int("expected a whole number of tickets").min(1).default(1000),
    SILENT_AFTER_DAYS: z.coerce.number({ error: "expected a whole number of days" }).int("expected a whole number of days").min(1).max(365).default(14),
    INSPECTIONS_PER_WARD_WEEK: z.coerce.number({ error: "expected a whole number from 1 to 100" }).int("expected a whole number from 1 to 100").min(1, "expected a whole number from 1 to 100").max(100, "expected a whole number from 1 to 100").default(5),
    INSPECTIONS_SCHEDULE: optionalString.pipe(
      z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$/, "expected a weekday and a Vietnam time, e.g. mon 07:00").optional(),
    ),
    SIMULATOR: z.enum(["auto", "on", "off"], { error: "expected auto, on or off" }).default("auto"),
    SIMULATOR_ALLOW_REMOTE_DB: z.enum(["yes", "no"], { error: "expected yes or no" }).default("no"),
    TRUST_PROXY: optionalString.pipe(
      z.string().regex(/^(loopback|[0-9a-fA-F.:/]+)(,\s*(loopback|[0-9a-fA-F.:/]+))*$/, "expected the proxy's addresses or networks separated by commas, e.g. 127.0.0.1 or loopback").optional(),
    ),
    OPEN311_JURISDICTION_IDS: optionalString.pipe(
      z.string().regex(/^[A-Za-z0-9.-]{1,64}(,\s*[A-Za-z0-9.-]{1,64})*$/, "expected jurisdiction ids separated by commas, e.g. hue.gov.vn,46").optional(),
    ),
    OPEN311_CORS_ORIGINS: optionalString.pipe(
      z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(,\s*https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)*$/, "expected origins separated by commas, e.g. https://ioc.hue.gov.vn (no path, no *)").optional(),
    ),
    OPEN311_CONTACT: optionalString.pipe(z.string().regex(/^(https?:\/\/\S+|[^\s@]+@[^\s@]+\.[^\s@]+)$/, "expected a URL or an e-mail address").optional()),
    OPEN311_KEY_SERVICE: optionalString.pipe(z.string().regex(/^(https?:\/\/\S+|[^\s@]+@[^\s@]+\.[^\s@]+)$/, "expected a URL or an e-mail address").optional()),
    MAP_TILE_URL: optionalString.pipe(
      z.string().regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, "expected a tile URL template such as https://tile.example.vn/{z}/{x}/{y}.png").optional(),
    ),
    ZALO_APP_ID: optionalString,
    ZALO_APP_SECRET: optionalString,
    ZALO_OA_SECRET_KEY: optionalString,
    ZALO_REFRESH_TOKEN: optionalString,
    ZALO_API_ROOT: url.default("https://openapi.zalo.me"),
    ZALO_OAUTH_ROOT: url.default("https://oauth.zaloapp.com"),
  })
  .superRefine((c, ctx) => {
    if (c.BOT_MODE === "webhook" && c.BOT_TOKEN) {
      if (!c.WEBHOOK_URL) ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "required when BOT_MODE=webhook" });
      if (!c.WEBHOOK_SECRET) ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "required when BOT_MODE=webhook" });
    }
    // The simulator answers as Telegram would: next to a real bot it could be mistaken for it.
    if (c.SIMULATOR === "on" && (c.BOT_TOKEN || c.ZALO_APP_ID)) {
      ctx.addIssue({ code: "custom", path: ["SIMULATOR"], message: "the simulator runs only without BOT_TOKEN and ZALO_APP_ID; unset one of them" });
    }
    // Reset and play write to the database: only a database on this machine is the simulator's to use.
    const simulatorRuns = !c.BOT_TOKEN && !c.ZALO_APP_ID && c.SIMULATOR !== "off";
    if (simulatorRuns && c.MONGODB_URI && !isLoopbackMongoUri(c.MONGODB_URI) && !(c.SIMULATOR === "on" && c.SIMULATOR_ALLOW_REMOTE_DB === "yes")) {
      ctx.addIssue({ code: "custom", path: ["SIMULATOR"], message: "the simulator would run against a database on another machine (MONGODB_URI); set SIMULATOR=off, or SIMULATOR=on with SIMULATOR_ALLOW_REMOTE_DB=yes if that database is only for trying the product" });
    }
    // Links in answers (Open311, posters) must not be built from a request's Host header where others reach us.
    if (!c.PUBLIC_URL && !isLoopbackHost(c.HTTP_HOST) && !(c.BOT_MODE === "webhook" && c.WEBHOOK_URL)) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "required when HTTP_HOST is not a loopback address (e.g. https://qr.hue.gov.vn)" });
    }
    if (c.ZALO_APP_ID) {
      for (const key of ["ZALO_APP_SECRET", "ZALO_OA_SECRET_KEY"] as const) {
        if (!c[key]) ctx.addIssue({ code: "custom", path: [key], message: "required when ZALO_APP_ID is set" });
      }
    }
  });

export type RawConfig = z.infer<typeof schema>;

const isLoopbackHost = (host: string) => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host.trim());

/** Every host of a mongodb:// URI is this machine (mongodb+srv always names others). */
export function isLoopbackMongoUri(uri: string): boolean {
  if (!uri.startsWith("mongodb://")) return false;
  const authority = uri.slice("mongodb://".length).split(/[/?]/)[0]!;
  const hosts = authority.slice(authority.lastIndexOf("@") + 1).split(",");
  return hosts.every((h) => isLoopbackHost(h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.replace(/:\d+$/, "")));
}

export interface Config {
  botToken: string | undefined;
  telegramApiRoot: string;
  /** For invitation deep links (t.me/<bot>?start=inv_<token>). */
  botUsername: string;
  botMode: "polling" | "webhook";
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  httpHost: string;
  httpPort: number;
  /**
   * Where the public reaches this server (e.g. https://qr.hue.gov.vn); links in API answers use it instead of the Host header.
   * Required when HTTP_HOST is not loopback; with BOT_MODE=webhook it defaults to WEBHOOK_URL's origin.
   */
  publicUrl: string | undefined;
  /** TRUST_PROXY: proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (client address for rate limits). */
  trustProxy: string[];
  mongodbUri: string | undefined;
  dataDir: string;
  logLevel: RawConfig["LOG_LEVEL"];
  defaultLocale: "vi" | "en";
  /** Signs official poster payloads. Without it, offline mode derives a development key and says so. */
  registrySigningKey: string | undefined;
  /** Id of REGISTRY_SIGNING_KEY, printed in new posters' payloads ("0": the first key, no id printed). */
  registrySigningKeyId: string;
  /** Keys signed with before a rotation, by id: still verify the posters already printed. */
  registryRetiredKeys: { id: string; secret: string }[];
  /** Addresses that may read /metrics and /readyz (exact IPs as the socket reports them). */
  opsAllowFrom: string[];
  /** A bearer token that also lets others read them (e.g. a monitoring system elsewhere). */
  opsToken: string | undefined;
  /** Photos of tickets closed longer ago than this are deleted (hash and facts kept); 0 = kept for ever. */
  photoRetentionDays: number;
  /** Residents' words (notes, rating reasons) and partners' reporter contacts of tickets closed longer ago are dropped; 0 = kept. */
  textRetentionDays: number;
  /** A scanned official code farther than this from its venue's registered place is "elsewhere". */
  venueMaxDistanceM: number;
  /** The Zalo Official Account's id, for the zalo.me link on posters; unset = no Zalo link. */
  zaloOaId: string | undefined;
  /** Province codes whose wards a ward search offers first; empty = the provinces that have venues. */
  servedProvinces: string[];
  /** Past this many tickets on the embedded FerretDB server, the log, /readyz and the console tell administrators to move to MongoDB. */
  embeddedTicketLimit: number;
  /** A venue whose code was not scanned for this many days counts as silent (compliance, inspection lists). */
  silentAfterDays: number;
  /** Inspection tickets per ward per week at most (the keeper's lists and the schedule). */
  inspectionsPerWardWeek: number;
  /** When the weekly inspection lists are issued by themselves (Vietnam time); unset = only by the keeper. */
  inspectionsSchedule: { weekday: number; minutes: number } | undefined;
  offline: boolean;
  /** The web chat simulator with its built-in Bot API and OA API emulators (never with a real bot or OA). */
  simulator: boolean;
  /** Open311: jurisdiction ids accepted and listed (empty = the provinces served), browser origins allowed, whom integrators reach. */
  open311: { jurisdictionIds: string[]; corsOrigins: string[]; contact: string | undefined; keyService: string | undefined };
  /** Map tiles for the simulator's map (e.g. an OpenStreetMap tile server); without it, ward boundaries only. */
  mapTileUrl: string | undefined;
  /** Set only when a Zalo Official Account is configured (app id and both keys). */
  zalo: ZaloConfig | undefined;
}

export interface ZaloConfig {
  appId: string;
  /** The app's secret key: sent as `secret_key` when refreshing tokens. */
  appSecret: string;
  /** The OA secret key: signs webhook events. */
  oaSecretKey: string;
  /** Seeds the token store on first start; later refresh tokens live in the database. */
  initialRefreshToken: string | undefined;
  apiRoot: string;
  oauthRoot: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(
      "Invalid configuration:\n" + problems.map((p) => `  ${p.key}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** "mon 07:00" → Monday (0) and minutes after midnight. */
function weeklyTime(text: string): { weekday: number; minutes: number } {
  const [day, time] = text.split(" ") as [string, string];
  const [h, m] = time.split(":").map(Number) as [number, number];
  return { weekday: WEEKDAYS.indexOf(day), minutes: h * 60 + m };
}

const commaList = (text: string | undefined) => (text ?? "").split(",").map((a) => a.trim()).filter(Boolean);

/** Pure: reads only the given environment, so tests never see the real one. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ key: String(i.path[0] ?? "?"), message: i.message })),
    );
  }
  const c = parsed.data;
  return {
    botToken: c.BOT_TOKEN,
    telegramApiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    botUsername: c.BOT_USERNAME,
    botMode: c.BOT_MODE,
    webhookUrl: c.WEBHOOK_URL,
    webhookSecret: c.WEBHOOK_SECRET,
    httpHost: c.HTTP_HOST,
    httpPort: c.HTTP_PORT,
    publicUrl: c.PUBLIC_URL?.replace(/\/+$/, "") ?? (c.BOT_MODE === "webhook" && c.WEBHOOK_URL ? new URL(c.WEBHOOK_URL).origin : undefined),
    trustProxy: (c.TRUST_PROXY ?? "").split(",").map((a) => a.trim()).filter(Boolean),
    mongodbUri: c.MONGODB_URI,
    dataDir: c.DATA_DIR,
    logLevel: c.LOG_LEVEL,
    defaultLocale: c.DEFAULT_LOCALE,
    registrySigningKey: c.REGISTRY_SIGNING_KEY,
    registrySigningKeyId: c.REGISTRY_SIGNING_KEY_ID,
    registryRetiredKeys: (c.REGISTRY_RETIRED_KEYS ?? "")
      .split(",")
      .filter(Boolean)
      .map((pair) => ({ id: pair.slice(0, pair.indexOf("=")), secret: pair.slice(pair.indexOf("=") + 1) })),
    opsAllowFrom: c.OPS_ALLOW_FROM.split(",").map((a) => a.trim()).filter(Boolean),
    opsToken: c.OPS_TOKEN,
    photoRetentionDays: c.PHOTO_RETENTION_DAYS,
    textRetentionDays: c.TEXT_RETENTION_DAYS,
    venueMaxDistanceM: c.VENUE_MAX_DISTANCE_M,
    zaloOaId: c.ZALO_OA_ID,
    servedProvinces: c.SERVED_PROVINCES?.split(",") ?? [],
    silentAfterDays: c.SILENT_AFTER_DAYS,
    embeddedTicketLimit: c.EMBEDDED_TICKET_LIMIT,
    inspectionsPerWardWeek: c.INSPECTIONS_PER_WARD_WEEK,
    inspectionsSchedule: c.INSPECTIONS_SCHEDULE ? weeklyTime(c.INSPECTIONS_SCHEDULE) : undefined,
    open311: {
      jurisdictionIds: commaList(c.OPEN311_JURISDICTION_IDS),
      corsOrigins: commaList(c.OPEN311_CORS_ORIGINS),
      contact: c.OPEN311_CONTACT,
      keyService: c.OPEN311_KEY_SERVICE,
    },
    offline: c.BOT_TOKEN === undefined,
    // A real Zalo Official Account alone is a production channel too: the simulator stays out of its way.
    simulator: c.BOT_TOKEN === undefined && c.ZALO_APP_ID === undefined && c.SIMULATOR !== "off",
    mapTileUrl: c.MAP_TILE_URL,
    zalo:
      c.ZALO_APP_ID && c.ZALO_APP_SECRET && c.ZALO_OA_SECRET_KEY
        ? {
            appId: c.ZALO_APP_ID,
            appSecret: c.ZALO_APP_SECRET,
            oaSecretKey: c.ZALO_OA_SECRET_KEY,
            initialRefreshToken: c.ZALO_REFRESH_TOKEN,
            apiRoot: c.ZALO_API_ROOT.replace(/\/+$/, ""),
            oauthRoot: c.ZALO_OAUTH_ROOT.replace(/\/+$/, ""),
          }
        : undefined,
  };
}
