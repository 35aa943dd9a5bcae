/**
 * Lower-case ASCII words: "P. Thuận Hoá" → "p thuan hoa". NFD splits a letter from its tone
 * and vowel marks, so "Hoá" and "Hóa" (two accepted spellings) meet at the same key.
 */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
