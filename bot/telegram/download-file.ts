import type { Api } from "grammy";
import type { Config } from "../../platform/config.js";

export function telegramFileDownloader(api: Api, config: Pick<Config, "botToken" | "telegramApiRoot">) {
  return async function downloadFile(fileId: string): Promise<Buffer> {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error("Telegram gave no file_path");
    const res = await fetch(`${config.telegramApiRoot}/file/bot${config.botToken}/${file.file_path}`);
    if (!res.ok) throw new Error(`file download answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
}
