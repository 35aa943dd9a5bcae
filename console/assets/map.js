// The console's map: the province's ward boundaries, the filtered tickets as coloured markers
// (clustered when dense), the list beside the map following what is in view, and, for the
// registry's keeper, the venues nobody scanned lately. Data comes from /console/map/*.json.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var d = el.dataset;
  // Without a tile layer Leaflet knows no zoom limit, and clustering needs one.
  var map = L.map(el, { zoomSnap: 0.25, maxZoom: 19, attributionControl: !!d.tiles });
  if (d.tiles) L.tileLayer(d.tiles, { maxZoom: 19, attribution: "© OpenStreetMap" }).addTo(map);
  else el.classList.add("no-tiles");
  map.setView([16.46, 107.59], 11);
  var overlays = {};
  var layers = L.control.layers(null, overlays, { collapsed: false }).addTo(map);

  function get(url) {
    return fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function text(s) {
    var span = document.createElement("span");
    span.textContent = s;
    return span.innerHTML;
  }

  var wardsReady = get(d.wards).then(function (fc) {
    var wards = L.geoJSON(fc, {
      style: function (f) {
        var own = fc.own && f.properties.code === fc.own;
        return { color: "#0b4f8a", weight: own ? 2.5 : 1, opacity: 0.8, fillColor: own ? "#dbe9f6" : "#ffffff", fillOpacity: d.tiles ? 0.05 : own ? 0.9 : 0.75 };
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(f.properties.name, { className: "ward-label", direction: "center", permanent: !d.tiles, opacity: 0.9 });
      },
    }).addTo(map);
    // The viewer's own ward first (an officer works there); the province for everyone else.
    var bounds = wards.getBounds();
    wards.eachLayer(function (layer) {
      if (fc.own && layer.feature.properties.code === fc.own) bounds = layer.getBounds();
    });
    var focus = d.focus ? d.focus.split(",").map(Number) : null;
    // At once, not animated: the boundaries are drawn for the final view, not clipped to the first one.
    if (focus && focus.length === 2 && isFinite(focus[0]) && isFinite(focus[1])) {
      map.setView(focus, 17, { animate: false });
      L.circleMarker(focus, { radius: 10, color: "#b3261e", weight: 3, fill: false }).addTo(map);
    } else if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
    // Ward names only once there is room for them.
    function labels() { el.classList.toggle("show-ward-labels", map.getZoom() >= 12); }
    map.on("zoomend", labels);
    labels();
    return wards;
  });

  function icon(colour, overdue, number) {
    return L.divIcon({
      className: "ticket-pin" + (overdue ? " is-overdue" : ""),
      html: '<span data-number="' + text(number) + '" style="background:' + colour + '"></span>',
      iconSize: [18, 18],
      iconAnchor: [9, 9],
    });
  }

  if (d.tickets) {
    var list = document.getElementById("map-list");
    var count = document.getElementById("map-count");
    Promise.all([get(d.tickets), wardsReady]).then(function (res) {
      var data = res[0];
      // Clusters in a neutral colour (the states own the colours), ringed red when one of their tickets is overdue.
      var cluster = L.markerClusterGroup({
        maxClusterRadius: 45, chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
        iconCreateFunction: function (group) {
          var children = group.getAllChildMarkers();
          var overdue = children.some(function (m) { return m.row[7]; });
          var n = children.length;
          var size = n < 10 ? 30 : n < 100 ? 36 : 44;
          return L.divIcon({ className: "ticket-cluster" + (overdue ? " is-overdue" : ""), html: "<span>" + n + "</span>", iconSize: [size, size] });
        },
      });
      var markers = data.tickets.map(function (row) {
        var state = data.states[row[3]];
        var m = L.marker([row[1], row[2]], { icon: icon(state.colour, row[7], row[0]), title: row[0] + " · " + state.label, keyboard: true });
        m.bindTooltip(text(row[0]) + " · " + text(state.label) + "<br>" + text(data.types[row[4]] || "") + "<br>" + text(data.wards[row[5]] || row[5]) + " · " + row[6]);
        m.on("click", function () { window.location.href = "/console/tickets/" + encodeURIComponent(row[0]); });
        m.row = row;
        return m;
      });
      cluster.addLayers(markers);
      cluster.addTo(map);
      layers.addOverlay(cluster, text(d.ticketsLabel));
      function refresh() {
        var view = map.getBounds();
        var inView = markers.filter(function (m) { return view.contains(m.getLatLng()); });
        count.textContent = count.dataset.template.replace("{shown}", inView.length).replace("{total}", markers.length) + (data.capped ? " " + count.dataset.capped : "");
        list.innerHTML = inView.slice(0, 200).map(function (m) {
          var r = m.row;
          var s = data.states[r[3]];
          return '<li><a href="/console/tickets/' + encodeURIComponent(r[0]) + '">' + text(r[0]) + '</a> <span class="state state-' + s.key + '">' + text(s.label) + "</span>" +
            (r[7] ? ' <span class="overdue">' + text(list.dataset.overdue) + "</span>" : "") +
            '<br><span class="muted">' + text(data.types[r[4]] || "") + " · " + text(data.wards[r[5]] || r[5]) + " · " + r[6] + "</span></li>";
        }).join("");
      }
      map.on("moveend", refresh);
      refresh();
    }).catch(function (e) { count.textContent = String(e.message || e); });
  }

  if (d.silent) {
    get(d.silent).then(function (data) {
      var group = L.layerGroup(data.venues.map(function (v) {
        return L.circleMarker([v[3], v[4]], { radius: 5, color: "#5f6b7a", weight: 2, fillColor: "#ffffff", fillOpacity: 1, dashArray: "2 2" })
          .bindTooltip(text(v[1]) + " (" + text(v[0]) + ")<br>" + text(v[2]) + "<br>" + (v[5] ? text(d.lastLabel) + " " + v[5] : text(d.neverLabel)));
      }));
      layers.addOverlay(group, text(d.silentLabel) + " (" + data.venues.length + ")");
      if (!d.tickets) group.addTo(map);
    });
  }
})();
