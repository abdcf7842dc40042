// Company profile: one pin on a small static Leaflet map. Data comes from data-attributes
// (no inline script: CSP). Without a tile server the pin sits on a plain background.
(function () {
  "use strict";
  var element = document.getElementById("company-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var lat = parseFloat(element.dataset.lat);
  var lon = parseFloat(element.dataset.lon);
  if (isNaN(lat) || isNaN(lon)) {
    return;
  }
  var map = L.map(element, {
    center: [lat, lon],
    zoom: 9,
    zoomControl: false,
    dragging: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    keyboard: false,
    touchZoom: false,
    attributionControl: Boolean(element.dataset.tileUrl),
  });
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 18 }).addTo(map);
  }
  L.circleMarker([lat, lon], {
    radius: 9,
    color: "#0b5394",
    weight: 3,
    fillColor: "#ffbf47",
    fillOpacity: 0.9,
  })
    .addTo(map)
    .bindTooltip(element.dataset.label || "", { permanent: false });
})();
