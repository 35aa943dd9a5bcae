import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";

const OWN = new URL("./assets/", import.meta.url);
const LEAFLET = new URL("../node_modules/leaflet/dist/", import.meta.url);
const CLUSTER = new URL("../node_modules/leaflet.markercluster/dist/", import.meta.url);

const TYPES: Record<string, string> = { css: "text/css; charset=utf-8", js: "text/javascript; charset=utf-8", png: "image/png", svg: "image/svg+xml" };

/**
 * Every file the console's pages load, by the name they use under /console/assets/: our own
 * from console/assets, libraries from node_modules (never a CDN). A page module adds its
 * files here (one line each); nothing outside this list is served.
 */
export const CONSOLE_ASSETS: Record<string, URL> = {
  "console.css": new URL("console.css", OWN),
  "queue.js": new URL("queue.js", OWN),
  "views.css": new URL("views.css", OWN),
  "map.js": new URL("map.js", OWN),
  "leaflet.markercluster.js": new URL("leaflet.markercluster.js", CLUSTER),
  "MarkerCluster.css": new URL("MarkerCluster.css", CLUSTER),
  "leaflet.js": new URL("leaflet.js", LEAFLET),
  "leaflet.css": new URL("leaflet.css", LEAFLET),
  // leaflet.css names its images relative to itself.
  "images/layers.png": new URL("images/layers.png", LEAFLET),
  "images/layers-2x.png": new URL("images/layers-2x.png", LEAFLET),
  "images/marker-icon.png": new URL("images/marker-icon.png", LEAFLET),
  "images/marker-icon-2x.png": new URL("images/marker-icon-2x.png", LEAFLET),
  "images/marker-shadow.png": new URL("images/marker-shadow.png", LEAFLET),
};

/** Served to anyone (the sign-in page needs its style); they hold no data. The public pages serve their own list. */
export function assetRoutes(app: FastifyInstance, assets: Record<string, URL> = CONSOLE_ASSETS, routeConfig: object = {}): void {
  const cache = new Map<string, Buffer>();
  app.get<{ Params: { "*": string } }>("/assets/*", { config: routeConfig }, async (request, reply) => {
    const name = request.params["*"];
    const file = Object.hasOwn(assets, name) ? assets[name] : undefined;
    if (!file) return reply.callNotFound();
    let bytes = cache.get(name);
    if (!bytes) cache.set(name, (bytes = await readFile(file)));
    return reply.header("content-type", TYPES[name.split(".").pop()!] ?? "application/octet-stream").header("cache-control", "public, max-age=300").send(bytes);
  });
}
