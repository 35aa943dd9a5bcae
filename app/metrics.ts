import type { FastifyInstance } from "fastify";
import { BotError, type Bot, type Context } from "grammy";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { UpdateBusyError } from "../bot/update-claim.js";
import type { Stores } from "../models/index.js";
import type { DecodeResult } from "../services/qr/decode-qr.js";
import type { DecoderPool } from "../services/qr/decoder-pool.js";
import { DecoderBusyError } from "../services/qr/errors.js";

type Decoder = Pick<DecoderPool, "decode">;

/**
 * What operators watch, in Prometheus format. Counters and histograms are this process's own
 * (sum them over instances); the ticket and outbox gauges are read from the shared database on
 * each scrape, so every instance reports the same values (take max over instances).
 */
export function createMetrics(deps: { stores: Pick<Stores, "tickets" | "outbox">; decoder: Pick<DecoderPool, "status">; clock: () => Date }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "qr_process_" });
  const updates = new Counter({ name: "qr_updates_total", help: "Updates handled, by channel and outcome (handled, failed; busy: another instance held it, it comes again)", labelNames: ["channel", "outcome"], registers: [registry] });
  const updateSeconds = new Histogram({ name: "qr_update_seconds", help: "Time to handle one update", labelNames: ["channel"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16], registers: [registry] });
  const decodeSeconds = new Histogram({
    name: "qr_decode_seconds", help: "Time to decode one photo, by the engine that read it (none: no code found)",
    labelNames: ["engine"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5], registers: [registry],
  });
  const decoderBusy = new Counter({ name: "qr_decoder_busy_total", help: "Photos refused because the decoder queue was full", registers: [registry] });
  const signatureFailures = new Counter({ name: "qr_webhook_signature_failures_total", help: "Webhook calls refused for a bad secret or signature", labelNames: ["channel"], registers: [registry] });
  new Gauge({
    name: "qr_decoder_queue_depth", help: "Photos waiting for a decoder thread", registers: [registry],
    collect() {
      this.set(deps.decoder.status().queued);
    },
  });
  new Gauge({
    name: "qr_outbox_pending", help: "Messages waiting in the outbox, by audience", labelNames: ["audience"], registers: [registry],
    async collect() {
      this.reset();
      for (const b of await deps.stores.outbox.backlog()) this.set({ audience: b.audience }, b.pending);
    },
  });
  new Gauge({
    name: "qr_outbox_oldest_age_seconds", help: "How long the oldest due outbox message has waited, by audience", labelNames: ["audience"], registers: [registry],
    async collect() {
      this.reset();
      const now = deps.clock().getTime();
      for (const b of await deps.stores.outbox.backlog()) this.set({ audience: b.audience }, b.oldestDueAt ? Math.max(0, (now - b.oldestDueAt.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: "qr_tickets", help: "Tickets by state", labelNames: ["state"], registers: [registry],
    async collect() {
      this.reset();
      for (const [state, n] of Object.entries(await deps.stores.tickets.countByState())) this.set({ state }, n);
    },
  });
  new Gauge({
    name: "qr_tickets_overdue", help: "Open tickets past their acknowledge or close deadline", registers: [registry],
    async collect() {
      this.set(await deps.stores.tickets.countOverdue(deps.clock()));
    },
  });

  return {
    registry,
    /** The decoder with its time, engine and busy refusals recorded. */
    instrumentDecoder<D extends Decoder>(decoder: D): D {
      return {
        ...decoder,
        async decode(bytes: Uint8Array, options?: Parameters<Decoder["decode"]>[1]): Promise<DecodeResult> {
          const end = decodeSeconds.startTimer();
          try {
            const result = await decoder.decode(bytes, options);
            end({ engine: result.codes[0]?.engine ?? "none" });
            return result;
          } catch (e) {
            if (e instanceof DecoderBusyError) decoderBusy.inc();
            else end({ engine: "rejected" });
            throw e;
          }
        },
      };
    },
    /**
     * Counts every update a bot handles. It wraps handleUpdate rather than adding middleware:
     * a conversation consumes its updates before any later middleware, and the bot's own
     * middleware (create-bot.ts) is not ours to reorder.
     */
    instrumentBot<C extends Context>(bot: Bot<C>, channel: string): void {
      const handle = bot.handleUpdate.bind(bot);
      bot.handleUpdate = async (update, envelope) => {
        const end = updateSeconds.startTimer({ channel });
        try {
          await handle(update, envelope);
          updates.inc({ channel, outcome: "handled" });
        } catch (e) {
          // Another instance holds the update: it comes again, so it is not a failure.
          updates.inc({ channel, outcome: e instanceof BotError && e.error instanceof UpdateBusyError ? "busy" : "failed" });
          throw e;
        } finally {
          end();
        }
      };
    },
    /** Counts refused webhook calls (401/403) on the channels' routes; call before they register. */
    observeWebhooks(server: FastifyInstance): void {
      server.addHook("onResponse", async (request, reply) => {
        if (reply.statusCode !== 401 && reply.statusCode !== 403) return;
        const path = request.routeOptions.url ?? request.url;
        if (path.startsWith("/telegram/")) signatureFailures.inc({ channel: "telegram" });
        else if (path.startsWith("/zalo")) signatureFailures.inc({ channel: "zalo" });
      });
    },
  };
}

export type AppMetrics = ReturnType<typeof createMetrics>;
