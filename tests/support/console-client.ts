import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Account } from "../../models/account.js";
import type { Stores } from "../../models/index.js";
import { CONSOLE_PREFIX, consolePlugin, type ConsoleDeps } from "../../console/plugin.js";
import type { ConsolePage } from "../../console/context.js";
import { createServer } from "../../server/app.js";
import { createLogger } from "../../platform/logger.js";
import { createConsoleLink } from "../../services/access/console-links.js";
import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { createWardDirectory } from "../../services/routing/ward-directory.js";

/** The console on the app's HTTP server, over a test world's stores, driven with inject(). */
export async function consoleServer(stores: Stores, clock: () => Date, over: Partial<ConsoleDeps> = {}, pages?: ConsolePage[]): Promise<FastifyInstance> {
  const directory = createWardDirectory(stores.wards);
  await directory.refresh();
  const server = createServer();
  await server.register(consolePlugin({ stores, directory, clock, logger: createLogger("silent"), defaultLocale: "vi", ...over }, pages), { prefix: CONSOLE_PREFIX });
  await server.ready();
  return server;
}

/** One signed-in browser: its session cookie and the page's CSRF token. */
export interface ConsoleClient {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** A form post carrying the CSRF token unless `csrf: false`. */
  post(url: string, form?: Record<string, string | string[]>, opts?: { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

export async function linkToken(stores: Stores, clock: () => Date, account: Account): Promise<string> {
  const made = await createConsoleLink({ ...stores, clock }, account, CLI_OPERATOR);
  if ("refused" in made) throw new Error(`no console link for ${account.role}`);
  return made.token;
}

/** A running app's administrator, signed in over HTTP with a console link: the session cookie a browser would send. */
export async function adminCookie(base: string, stores: Stores, name: string): Promise<string> {
  const account = await stores.accounts.ensure("telegram", name, { displayName: "Quản trị" });
  const admin = (await stores.accounts.grantRole(account.id, "admin", {}))!;
  const signedIn = await fetch(`${base}/console/sign-in/${await linkToken(stores, () => new Date(), admin)}`, { method: "POST", redirect: "manual" });
  return signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export function formBody(form: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) p.append(k, one);
  return p.toString();
}

/** Signs in the way a person does: the link's page, then its button (a POST). */
export async function signIn(server: FastifyInstance, stores: Stores, clock: () => Date, account: Account, landing = "/console/queue"): Promise<ConsoleClient> {
  const token = await linkToken(stores, clock, account);
  const res = await server.inject({ method: "POST", url: `/console/sign-in/${token}` });
  if (res.statusCode !== 303) throw new Error(`sign-in refused: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const client: ConsoleClient = {
    cookie,
    csrf: "",
    get: (url) => server.inject({ method: "GET", url, headers: { cookie } }),
    post: (url, form = {}, opts = {}) =>
      server.inject({
        method: "POST", url, headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: formBody(opts.csrf === false ? form : { ...form, _csrf: client.csrf }),
      }),
  };
  const page = await client.get(landing);
  client.csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)?.[1] ?? "";
  return client;
}
