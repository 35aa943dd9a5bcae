/** What callers need to know about a ward: plain data, safe to keep in a conversation. */
export interface WardRef {
  code: string;
  name: string;
  /** "Phường", "Xã" or "Đặc khu" */
  kind: string;
  provinceCode: string;
  provinceName: string;
}

export interface LatLng {
  lat: number;
  lng: number;
}

export function wardRef(w: WardRef): WardRef {
  return { code: w.code, name: w.name, kind: w.kind, provinceCode: w.provinceCode, provinceName: w.provinceName };
}

export function fullName(w: WardRef): string {
  return `${w.kind} ${w.name}`;
}

/** How people read a ward: "Phường Thuận Hóa, Thành phố Huế". */
export function placeName(w: WardRef): string {
  return `${fullName(w)}, ${w.provinceName}`;
}
