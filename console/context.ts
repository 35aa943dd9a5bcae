import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Account } from "../models/account.js";
import type { ConsoleSession } from "../models/console-session.js";
import type { Stores } from "../models/index.js";
import type { Logger } from "../platform/logger.js";
import { WAY_OUT_COMMAND, type CapacityState } from "../services/housekeeping/embedded-capacity.js";
import { createI18n, localeFromAcceptLanguage, type Locale } from "../services/text/i18n.js";
import type { KeyRing } from "../services/registry/payload.js";
import type { ReportLinks } from "../services/registry/report-link.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";
import { fullName } from "../services/routing/ward-ref.js";
import { ConsoleError } from "./console-error.js";
import { html, type Html } from "./html.js";
import { layout, type NavKey } from "./layout.js";

export const CONSOLE_PREFIX = "/console";

export interface ConsoleDeps {
  stores: Stores;
  directory: WardDirectory;
  clock: () => Date;
  logger: Logger;
  defaultLocale: Locale;
  /** The public address (https:// behind a proxy makes the cookie Secure); else the request's own. */
  publicUrl?: string;
  /** Tiles for maps (views); unset = ward boundaries only. */
  mapTileUrl?: string;
  /** The venue pages' posters: the signing keys and the bot's links printed on them; unset = no posters. */
  posters?: { signingKey: KeyRing; links: ReportLinks };
  /** Days without a scan after which a venue counts as silent (SILENT_AFTER_DAYS); default 14. */
  silentAfterDays?: number;
  /** The embedded database's size against its measured limit; administrators see a warning past it. */
  capacity?: () => CapacityState | undefined;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The signed-in person of a request: the account as stored right now, the session, the language. */
export interface Viewer {
  account: Account;
  session: ConsoleSession;
  locale: Locale;
  t: Translate;
}

export interface PageContent {
  title: string;
  /** Which nav entry is current. */
  active?: NavKey;
  body: Html;
  status?: number;
  /** Extra stylesheets and scripts under /console/assets/ (e.g. leaflet.css, map.js). */
  styles?: string[];
  scripts?: string[];
}

export function createConsoleContext(deps: ConsoleDeps) {
  const i18n = createI18n(deps.defaultLocale);
  const viewers = new WeakMap<FastifyRequest, Viewer>();
  const translator = (locale: Locale): Translate => (key, vars) => i18n.t(locale, key, vars);
  const scopeName = (a: Account, t: Translate): string => {
    const ward = a.wardCode ? deps.directory.byCode(a.wardCode) : undefined;
    if (ward) return fullName(ward);
    if (a.provinceCode) return deps.directory.provinceName(a.provinceCode);
    return a.role === "admin" ? t("console-scope-all") : "";
  };
  return {
    deps,
    translator,
    /** Set by the staff guard; pages inside the guarded scope always have one. */
    setViewer(request: FastifyRequest, viewer: Viewer): void {
      viewers.set(request, viewer);
    },
    viewerOf(request: FastifyRequest): Viewer | undefined {
      return viewers.get(request);
    },
    /** The language of someone not signed in: their browser's, else the default. */
    guestLocale(request: FastifyRequest): Locale {
      return localeFromAcceptLanguage(request.headers["accept-language"], deps.defaultLocale);
    },
    viewer(request: FastifyRequest): Viewer {
      const v = viewers.get(request);
      if (!v) throw new ConsoleError(401, "console-session-none");
      return v;
    },
    /** A full page in the layout (nav, language switch, sign-out) for the signed-in viewer. */
    page(reply: FastifyReply, viewer: Viewer | undefined, content: PageContent, locale: Locale = deps.defaultLocale) {
      const t = viewer?.t ?? translator(locale);
      const capacity = viewer?.account.role === "admin" ? deps.capacity?.() : undefined;
      const footer = capacity?.over ? html`<p class="card notice" role="status">${t("console-embedded-limit", { tickets: capacity.tickets, limit: capacity.limit, command: WAY_OUT_COMMAND })}</p>` : undefined;
      const markup = layout({ ...content, viewer, t, locale: viewer?.locale ?? locale, scopeName: (a) => scopeName(a, t), footer });
      // no-store: after signing out, the browser's back button must not show a signed-in page.
      return reply.code(content.status ?? 200).header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").send(`<!doctype html>\n${markup.value}`);
    },
  };
}

export type ConsoleContext = ReturnType<typeof createConsoleContext>;

/** A page module: registers its routes (relative to /console) in the signed-in scope. */
export type ConsolePage = (app: FastifyInstance, c: ConsoleContext) => void;
