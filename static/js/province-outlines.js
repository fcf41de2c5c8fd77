/* Kota Cerdas: the province outlines under every map (selection-map.js, evidence-map.js).
 * The outlines come from the map container's data-provinces (static/data/provinces.geojson,
 * same origin); without them the map still works, and the container is marked
 * "map-no-outlines". Load before the map scripts (both deferred, so in order).
 */
(function () {
  "use strict";

  var PROVINCE_STYLE = { color: "#9ea6b0", weight: 0.8, fillColor: "#e4e7eb", fillOpacity: 1 };

  function draw(map, container) {
    var url = container.getAttribute("data-provinces");
    if (!url || !window.fetch) { return; }
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (geojson) {
        L.geoJSON(geojson, { style: PROVINCE_STYLE, pane: "provinces", interactive: false }).addTo(map);
      })
      .catch(function () { container.classList.add("map-no-outlines"); });
  }

  window.KotaCerdasProvinces = { draw: draw };
})();
