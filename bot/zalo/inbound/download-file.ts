/** The same limit residents meet on Telegram, so both channels accept the same photos. */
export const ZALO_MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Bytes of a Zalo attachment: on Zalo, the file id is the attachment's URL. */
export function zaloFileDownloader(maxBytes = ZALO_MAX_DOWNLOAD_BYTES) {
  return async function downloadFile(fileId: string): Promise<Buffer> {
    if (!/^https?:\/\//.test(fileId)) throw new Error("a Zalo file id is an http(s) attachment URL");
    const res = await fetch(fileId, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok || !res.body) throw new Error(`attachment download answered ${res.status}`);
    if (Number(res.headers.get("content-length") ?? 0) > maxBytes) throw new Error("attachment larger than the download limit");
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      // The header can be missing or wrong: count what actually arrives.
      if (size > maxBytes) throw new Error("attachment larger than the download limit");
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  };
}
