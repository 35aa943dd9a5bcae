// The public map: reports as dots in their state's colour over the wards' boundaries. The list
// and the report pages are complete without this script; it only draws what they already say.
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el || !window.L) return;
  const tiles = el.dataset.tiles;
  const map = L.map(el, { attributionControl: Boolean(tiles) }).setView([16.463, 107.59], 12);
  if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  const dot = (lat, lng, colour) => L.circleMarker([lat, lng], { radius: 7, color: "#fff", weight: 1.5, fillColor: colour, fillOpacity: 0.9 });

  if (el.dataset.point) {
    const [lat, lng] = el.dataset.point.split(",").map(Number);
    dot(lat, lng, el.dataset.colour).addTo(map);
    map.setView([lat, lng], 16);
    return;
  }
  const get = (url) => fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))));
  get(el.dataset.wards).then((wards) => {
    const layer = L.geoJSON(wards, { style: () => ({ color: "#2f6f4f", weight: 1, fillColor: "#cfe8d6", fillOpacity: tiles ? 0.1 : 0.5 }) }).addTo(map);
    layer.eachLayer((l) => l.bindTooltip(l.feature.properties.name, { sticky: true }));
    return get(el.dataset.points).then((data) => {
      const bounds = [];
      for (const [number, lat, lng, state, href] of data.reports) {
        const s = data.states[state];
        const a = document.createElement("a");
        a.href = href;
        a.textContent = `${number} · ${s.label}`;
        dot(lat, lng, s.colour).bindPopup(a).addTo(map);
        bounds.push([lat, lng]);
      }
      map.fitBounds(bounds.length ? bounds : layer.getBounds(), { padding: [16, 16], maxZoom: 15, animate: false });
      el.dataset.ready = String(bounds.length);
    });
  }).catch(() => { el.dataset.ready = "error"; });
})();
