// The map a resident picks a place on: Huế's wards with their names and the demo venues as named
// markers, so "in Phú Xuân" or "at Đông Ba market" can be found without the internet; tiles
// only where MAP_TILE_URL names a tile server. A click on the map, or on a venue, picks that point.
"use strict";
window.simMap = (function () {
  const { texts, mapTileUrl } = JSON.parse(document.getElementById("sim-data").textContent);
  const CENTRE = [16.463, 107.59];
  const START_ZOOM = 13;
  const $ = (sel) => document.querySelector(sel);
  const getJson = async (url) => (await fetch(url)).json();
  /** Where a venue's name may go, in order of preference (style.css places each). */
  const NAME_PLACES = ["name-right", "name-left", "name-above", "name-below"];
  /** Where a ward's name may go, in pixels from the middle of the ward's part in view. */
  const WARD_NUDGES = [[0, 0], [0, -22], [0, 22], [-50, 0], [50, 0], [0, -44], [0, 44], [-50, -22], [50, 22]];
  let map, wards, ready, marker, picked, send;

  async function build() {
    map = L.map("map", { zoomControl: true, attributionControl: Boolean(mapTileUrl) }).setView(CENTRE, START_ZOOM);
    if (mapTileUrl) L.tileLayer(mapTileUrl, { maxZoom: 19 }).addTo(map);
    const [wardShapes, { venues }] = await Promise.all([getJson("/sim/api/wards"), getJson(`/sim/api/venues?lang=${document.documentElement.lang}`)]);
    wards = L.geoJSON(wardShapes, {
      style: () => ({ color: "#2f6f4f", weight: 1.2, fillColor: "#cfe8d6", fillOpacity: mapTileUrl ? 0.15 : 0.55 }),
      onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { permanent: true, direction: "center", className: "ward-label" }),
    }).addTo(map);
    for (const v of venues) venueMarker(v).addTo(map);
    map.on("click", (e) => pick(e.latlng));
    map.on("moveend", drawLabels);
  }

  /** A dot with the venue's name beside it (and its state when it is not open); a click stands the resident there. */
  function venueMarker(v) {
    const name = Object.assign(document.createElement("span"), { className: "venue-name", textContent: v.name });
    if (v.status !== "active") name.append(Object.assign(document.createElement("small"), { textContent: ` · ${v.state}` }));
    const icon = L.divIcon({ className: `venue-pin ${v.status}`, html: name, iconSize: [14, 14] });
    const about = Object.assign(document.createElement("span"), { textContent: `${v.name} · ${v.state}` });
    about.append(document.createElement("br"), v.address);
    const m = L.marker([v.lat, v.lng], { icon, keyboard: true, riseOnHover: true }).bindTooltip(about, { direction: "top", offset: [0, -8] });
    m.on("add", () => m.getElement().setAttribute("aria-label", v.name));
    m.on("click", () => pick(L.latLng(v.lat, v.lng), v));
    return m;
  }

  /**
   * Keeps the names readable at every zoom and position. A venue's name goes right of its dot,
   * else left, above or below it, else shows only on hover. Then each ward's name, those nearest
   * the middle first, goes in the middle of the ward's largest part in view (a ward reaching far
   * out of view is named where it shows), or a little off it. A name that would leave the map or
   * cover a dot, a control or a name already placed is hidden.
   */
  function drawLabels() {
    const box = map.getContainer();
    const frame = box.getBoundingClientRect();
    const pins = [...box.querySelectorAll(".venue-pin")];
    const taken = [...pins, ...box.querySelectorAll(".leaflet-control")].map((el) => el.getBoundingClientRect());
    const fits = (r) => r.left >= frame.left && r.right <= frame.right && r.top >= frame.top && r.bottom <= frame.bottom &&
      !taken.some((t) => r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom);
    const place = (el, spots, put) => {
      const fitted = spots.some((spot) => {
        put(spot);
        return fits(el.getBoundingClientRect());
      });
      el.classList.toggle("covered", !fitted);
      if (fitted) taken.push(el.getBoundingClientRect());
    };
    for (const pin of pins) {
      place(pin.querySelector(".venue-name"), NAME_PLACES, (spot) => {
        pin.classList.remove(...NAME_PLACES);
        pin.classList.add(spot);
      });
    }
    const { x: w, y: h } = map.getSize();
    const middle = (p) => Math.hypot(p.x - w / 2, p.y - h / 2);
    for (const { label, point, part } of wardParts(w, h).sort((a, b) => middle(a.point) - middle(b.point))) {
      const spots = WARD_NUDGES.map(([dx, dy]) => point.add([dx, dy])).filter((at) => inside(at, part));
      place(label.getElement(), spots, (at) => label.setLatLng(map.containerPointToLatLng(at)));
    }
  }

  /** Each ward's largest part in the w × h view, with its centre of mass; wards out of view are left unnamed. */
  function wardParts(w, h) {
    const parts = [];
    wards.eachLayer((layer) => {
      layer.getTooltip().getElement().classList.add("covered");
      const shapes = L.LineUtil.isFlat(layer.getLatLngs()[0]) ? [layer.getLatLngs()] : layer.getLatLngs();
      let best;
      for (const [outer] of shapes) {
        const part = clipToView(outer.map((ll) => map.latLngToContainerPoint(ll)), w, h);
        const c = centroid(part);
        if (c && (!best || c.area > best.area)) best = { ...c, part };
      }
      if (best) parts.push({ label: layer.getTooltip(), point: best.point, part: best.part });
    });
    return parts;
  }

  async function pick(latlng, venue) {
    picked = latlng;
    if (marker) marker.setLatLng(latlng);
    else marker = L.circleMarker(latlng, { radius: 9, color: "#c8102e", weight: 3, fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(map);
    const { ward } = await getJson(`/sim/api/locate?lat=${latlng.lat}&lng=${latlng.lng}`);
    // A later click has already picked another point.
    if (picked !== latlng) return;
    const where = ward ?? texts["sim-ward-none"];
    $("#ward-under").textContent = venue ? `${venue.name} · ${where}` : where;
    $("#send-location").disabled = false;
  }

  $("#send-location").addEventListener("click", () => {
    $("#map-dialog").close();
    if (picked) send(picked);
  });

  /** Opens the map with nothing picked, on the whole city; `onSend` gets the point the resident sends. */
  async function open(onSend) {
    send = onSend;
    $("#map-dialog").showModal();
    picked = undefined;
    marker?.remove();
    marker = undefined;
    $("#send-location").disabled = true;
    $("#ward-under").textContent = texts["sim-map-hint"];
    ready ??= build();
    await ready;
    map.invalidateSize();
    map.setView(CENTRE, START_ZOOM, { animate: false });
    drawLabels();
  }

  return { open };
})();

/** The part of a polygon (screen points) inside the w × h view: Sutherland–Hodgman against its four edges. */
function clipToView(points, w, h) {
  const edge = (pts, keep, cross) => pts.flatMap((p, i) => {
    const q = pts[(i + pts.length - 1) % pts.length];
    if (keep(p)) return keep(q) ? [p] : [cross(q, p), p];
    return keep(q) ? [cross(q, p)] : [];
  });
  const atX = (x) => (a, b) => L.point(x, a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x));
  const atY = (y) => (a, b) => L.point(a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y), y);
  let pts = edge(points, (p) => p.x >= 0, atX(0));
  pts = edge(pts, (p) => p.x <= w, atX(w));
  pts = edge(pts, (p) => p.y >= 0, atY(0));
  return edge(pts, (p) => p.y <= h, atY(h));
}
/** A polygon's area and centre of mass (shoelace formula); undefined for nothing. */
function centroid(pts) {
  let a = 0, x = 0, y = 0;
  pts.forEach((p, i) => {
    const q = pts[(i + 1) % pts.length];
    const f = p.x * q.y - q.x * p.y;
    a += f;
    x += (p.x + q.x) * f;
    y += (p.y + q.y) * f;
  });
  return a ? { area: Math.abs(a / 2), point: L.point(x / (3 * a), y / (3 * a)) } : undefined;
}
/** Whether a point is inside a polygon (a crescent's centre of mass is not). */
function inside(pt, pts) {
  return pts.reduce((within, p, i) => {
    const q = pts[(i + pts.length - 1) % pts.length];
    return (p.y > pt.y) !== (q.y > pt.y) && pt.x < ((q.x - p.x) * (pt.y - p.y)) / (q.y - p.y) + p.x ? !within : within;
  }, false);
}
