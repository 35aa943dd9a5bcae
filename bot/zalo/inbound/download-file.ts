import { get as httpGet, type IncomingMessage } from "node:http";
import { get as httpsGet } from "node:https";
import { DownloadError } from "../../download-error.js";

/** The same limit residents meet on Telegram, so both channels accept the same photos. */
export const ZALO_MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export interface ZaloDownloadLimits {
  maxBytes: number;
  /** Until the attachment server accepts the connection. */
  connectMs: number;
  /** For the whole download, headers and body. */
  totalMs: number;
}

export const ZALO_DOWNLOAD_LIMITS: ZaloDownloadLimits = { maxBytes: ZALO_MAX_DOWNLOAD_BYTES, connectMs: 5_000, totalMs: 30_000 };

/**
 * Bytes of a Zalo attachment: on Zalo, the file id is the attachment's URL. Every way it can
 * fail (status, connect or total timeout, size by header or by what arrives) is a DownloadError.
 */
export function zaloFileDownloader(limits: ZaloDownloadLimits = ZALO_DOWNLOAD_LIMITS) {
  return function downloadFile(fileId: string): Promise<Buffer> {
    if (!/^https?:\/\//.test(fileId)) return Promise.reject(new DownloadError("failed", "a Zalo file id is an http(s) attachment URL"));
    return new Promise<Buffer>((resolve, reject) => {
      const fail = (e: DownloadError) => {
        clearTimeout(total);
        clearTimeout(connect);
        req.destroy();
        reject(e);
      };
      const get = fileId.startsWith("https:") ? httpsGet : httpGet;
      const req = get(fileId, (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status === 404 || status === 410) return fail(new DownloadError("not_found", `answered ${status}`));
        if (status !== 200) return fail(new DownloadError("failed", `answered ${status}`));
        if (Number(res.headers["content-length"] ?? 0) > limits.maxBytes) {
          return fail(new DownloadError("too_large", `content-length ${res.headers["content-length"]} over ${limits.maxBytes}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          // The header can be missing or wrong: count what actually arrives.
          if (size > limits.maxBytes) fail(new DownloadError("too_large", `more than ${limits.maxBytes} bytes arrived`));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          clearTimeout(total);
          resolve(Buffer.concat(chunks));
        });
        res.on("error", (e) => fail(new DownloadError("failed", e.message)));
      });
      const connect = setTimeout(() => fail(new DownloadError("timeout", `no connection within ${limits.connectMs} ms`)), limits.connectMs);
      const total = setTimeout(() => fail(new DownloadError("timeout", `not complete within ${limits.totalMs} ms`)), limits.totalMs);
      req.on("socket", (socket) => {
        if (!socket.connecting) clearTimeout(connect);
        else socket.once("connect", () => clearTimeout(connect));
      });
      req.on("error", (e) => fail(new DownloadError("failed", e.message)));
    });
  };
}
