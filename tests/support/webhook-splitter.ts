import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * What a reverse proxy in front of several instances does with Telegram's one webhook URL:
 * each update goes to the instance `route` picks; when that instance does not answer (it
 * died), the update goes to the next one, as Telegram's redelivery would land it there.
 */
export interface WebhookSplitter {
  url: string;
  /** Updates each instance answered, by instance index. */
  answeredBy: number[];
  /** Updates that had to go elsewhere because their instance did not answer. */
  rerouted: number;
  /** Answers 503: the update was held by another instance's claim (Telegram then delivers it again). */
  busy: number;
  close(): Promise<void>;
}

export async function startWebhookSplitter(targets: string[], route: (update: { update_id: number } & Record<string, unknown>) => number): Promise<WebhookSplitter> {
  const answeredBy = targets.map(() => 0);
  const state = { rerouted: 0, busy: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const first = route(JSON.parse(body.toString("utf8")) as { update_id: number }) % targets.length;
      for (let i = 0; i < targets.length; i++) {
        const target = (first + i) % targets.length;
        try {
          const answer = await fetch(targets[target] + (req.url ?? "/"), {
            method: "POST",
            headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": String(req.headers["x-telegram-bot-api-secret-token"] ?? "") },
            body,
          });
          answeredBy[target]!++;
          if (answer.status === 503) state.busy++;
          res.writeHead(answer.status, { "content-type": "application/json" }).end(Buffer.from(await answer.arrayBuffer()));
          return;
        } catch {
          state.rerouted++;
        }
      }
      res.writeHead(502).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    answeredBy,
    get rerouted() {
      return state.rerouted;
    },
    get busy() {
      return state.busy;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
