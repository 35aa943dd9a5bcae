import type { wardStore } from "../../models/ward.js";
import { placeName } from "./ward-ref.js";

/** "Phường An Cựu, Thành phố Huế" for each code: people read names, not codes (the code only for a ward gone from the directory). */
export async function wardNames(wards: Pick<ReturnType<typeof wardStore>, "byCode">, codes: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const code of new Set(codes)) {
    const ward = await wards.byCode(code);
    names.set(code, ward ? placeName(ward) : code);
  }
  return names;
}
