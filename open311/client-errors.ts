import { maxHeaderSize, STATUS_CODES, type Server } from "node:http";
import type { Socket } from "node:net";
import { PREFIX, formatOf } from "./context.js";
import { CONTENT_TYPE, render } from "./render.js";
import type { Texts } from "./texts.js";

/**
 * Requests Node refuses before Fastify sees them (headers over the limit: 431; a request line
 * it cannot parse: 400) answer in the spec's error format when their path is Open311's, in the
 * language their Accept-Language asks for. What arrived is read from the parser's buffer; a
 * request whose line is not in it gets Fastify's own answer, which runs after this one and
 * finds the socket closed when this one answered.
 */
export function answerClientErrors(server: Server, texts: Texts): void {
  server.prependListener("clientError", (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    if (err.code === "ECONNRESET" || err.code === "ERR_HTTP_REQUEST_TIMEOUT" || socket.destroyed || !socket.writable) return;
    // One chunk at most (what the parser held): its request line and whatever headers came with it.
    const head = err.rawPacket?.toString("latin1") ?? "";
    const path = /^[A-Z]{3,7} (\S+)/.exec(head)?.[1];
    if (!path?.startsWith(`${PREFIX}/`)) return;
    const t = texts.translator(texts.localeOf(/\r\naccept-language:([^\r\n]*)/i.exec(head)?.[1]?.trim()));
    const overflow = err.code === "HPE_HEADER_OVERFLOW";
    const status = overflow ? 431 : 400;
    const limit = (server as Server & { maxHeaderSize?: number }).maxHeaderSize ?? maxHeaderSize;
    const description = overflow ? t("open311-error-header-too-large", { size: `${Math.round(limit / 1024)} KB` }) : t("open311-error-bad-request");
    const format = formatOf(path);
    const body = Buffer.from(render(format, "errors", [{ code: status, description }]));
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${body.length}\r\nContent-Type: ${CONTENT_TYPE[format]}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n`);
    socket.write(body);
    socket.destroy(err);
  });
}
