/* Kota Cerdas: the map of a region's evidence photos (templates/monitoring/region_map.html) and
 * the map to pick where a photo was taken (templates/monitoring/_place_picker.html).
 *
 * As selection-map.js: no tile server and nothing from another origin (province outlines come
 * from data-provinces), styles set by Leaflet through the CSSOM and SVG attributes, never
 * style attributes, so "style-src 'self'" holds.
 *
 * Photos: <div class="evidence-map" data-provinces="URL" data-label="aria label"
 *   data-label-stage="Tahap" data-label-photo="Buka foto">
 *   <script type="application/json">[{lat, lon, title, url, photo, caption, stage, date,
 *   phase (its words), phase_code ("before", "after" or "")}, ...]</script></div>
 * Picker: <div class="place-picker" data-lat-field="id" data-lon-field="id" data-center-lat=""
 *   data-center-lon="" data-provinces="URL" data-label="aria label"></div>; a click writes the
 *   place into the two fields in the page's number format (a decimal comma in Indonesian).
 */
(function () {
  "use strict";

  var INDONESIA = [[-11, 94], [6.5, 141.5]];
  var PHASE_STYLES = {
    before: { radius: 7, color: "#ffffff", weight: 1.5, fillColor: "#b7791f", fillOpacity: 1 },
    after: { radius: 7, color: "#ffffff", weight: 1.5, fillColor: "#0b5cad", fillOpacity: 1 },
    none: { radius: 6, color: "#ffffff", weight: 1.5, fillColor: "#2e8540", fillOpacity: 1 }
  };
  var PICKED_STYLE = { radius: 8, color: "#ffffff", weight: 2, fillColor: "#8c1d18", fillOpacity: 1 };

  function english() {
    return (document.documentElement.lang || "id").toLowerCase().indexOf("en") === 0;
  }

  function formatNumber(value) {
    var text = value.toFixed(6);
    return english() ? text : text.replace(".", ",");
  }

  function parseNumber(text) {
    var clean = String(text || "").replace(/\s/g, "").replace("\u2212", "-");
    if (!english()) { clean = clean.replace(",", "."); }
    return clean === "" ? NaN : Number(clean);
  }

  function baseMap(container) {
    container.setAttribute("tabindex", "0");
    container.setAttribute("role", "region");
    if (container.getAttribute("data-label")) {
      container.setAttribute("aria-label", container.getAttribute("data-label"));
    }
    var map = L.map(container, {
      attributionControl: false,
      zoomSnap: 0.25,
      minZoom: 3,
      maxZoom: 18,
      maxBounds: L.latLngBounds(INDONESIA).pad(0.5),
      keyboard: true
    });
    map.createPane("provinces");
    window.KotaCerdasProvinces.draw(map, container);
    return map;
  }

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

  function popupContent(point, container) {
    var root = document.createElement("div");
    root.className = "evidence-map-popup";
    var title = document.createElement("strong");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    title.appendChild(link);
    root.appendChild(title);
    var lines = [point.caption, point.date];
    if (point.stage) { lines.push((container.getAttribute("data-label-stage") || "Tahap") + ": " + point.stage); }
    if (point.phase) { lines.push(point.phase); }
    lines.forEach(function (text) {
      if (!text) { return; }
      var line = document.createElement("span");
      line.textContent = text;
      root.appendChild(line);
    });
    var photo = document.createElement("a");
    photo.href = point.photo;
    photo.textContent = container.getAttribute("data-label-photo") || "Foto";
    root.appendChild(photo);
    return root;
  }

  function initPhotos(container) {
    if (container.classList.contains("leaflet-container")) { return; }
    var map = baseMap(container);
    var renderer = L.svg({ padding: 0.5 });
    var corners = [];
    readPoints(container).forEach(function (point) {
      if (!isFinite(point.lat) || !isFinite(point.lon) || point.lat === null || point.lon === null) { return; }
      var style = PHASE_STYLES[point.phase_code] || PHASE_STYLES.none;
      var marker = L.circleMarker([point.lat, point.lon], L.extend({ renderer: renderer }, style))
        .bindPopup(function () { return popupContent(point, container); })
        .bindTooltip(point.title, { direction: "top", offset: [0, -6] })
        .addTo(map);
      marker.on("popupopen", function () { marker.closeTooltip(); });
      corners.push([point.lat, point.lon]);
    });
    if (corners.length) {
      map.fitBounds(L.latLngBounds(corners).pad(0.3), { maxZoom: 12 });
    } else {
      map.fitBounds(INDONESIA);
    }
  }

  function initPicker(container) {
    if (container.classList.contains("leaflet-container")) { return; }
    var latField = document.getElementById(container.getAttribute("data-lat-field"));
    var lonField = document.getElementById(container.getAttribute("data-lon-field"));
    if (!latField || !lonField || latField.disabled) { return; }
    var map = baseMap(container);
    var marker = null;

    function show(lat, lon) {
      if (!marker) {
        marker = L.circleMarker([lat, lon], PICKED_STYLE).addTo(map);
      } else {
        marker.setLatLng([lat, lon]);
      }
    }

    var lat = parseNumber(latField.value);
    var lon = parseNumber(lonField.value);
    // The capital's place is written with a decimal point whatever the language.
    var centerLat = parseFloat(container.getAttribute("data-center-lat"));
    var centerLon = parseFloat(container.getAttribute("data-center-lon"));
    if (isFinite(lat) && isFinite(lon)) {
      show(lat, lon);
      map.setView([lat, lon], 13);
    } else if (isFinite(centerLat) && isFinite(centerLon)) {
      map.setView([centerLat, centerLon], 11);
    } else {
      map.fitBounds(INDONESIA);
    }

    map.on("click", function (event) {
      var place = event.latlng.wrap();
      show(place.lat, place.lng);
      latField.value = formatNumber(place.lat);
      lonField.value = formatNumber(place.lng);
    });
    [latField, lonField].forEach(function (field) {
      field.addEventListener("change", function () {
        var typedLat = parseNumber(latField.value);
        var typedLon = parseNumber(lonField.value);
        if (isFinite(typedLat) && isFinite(typedLon)) {
          show(typedLat, typedLon);
          map.panTo([typedLat, typedLon]);
        }
      });
    });
    // A map in a closed <details> has no size until it opens.
    var details = container.closest("details");
    while (details) {
      details.addEventListener("toggle", function () { map.invalidateSize(); });
      details = details.parentElement ? details.parentElement.closest("details") : null;
    }
  }

  function start() {
    if (!window.L) { return; }
    document.querySelectorAll(".evidence-map").forEach(initPhotos);
    document.querySelectorAll(".place-picker").forEach(initPicker);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
