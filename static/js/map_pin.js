// One pin on a small Leaflet map (company profile, event venue...). Every map reads the
// same data-attributes of its element (class "js-map-pin"; no inline script: CSP):
//   data-lat, data-lon   the pin
//   data-label           plain text shown in the pin's tooltip (never read as HTML)
//   data-tile-url        the tile server; without one the pin sits on a plain background
//   data-zoom            optional, 9 by default
//   data-interactive     "true" lets visitors pan and zoom (not with the scroll wheel)
(function () {
  "use strict";
  if (typeof L === "undefined") {
    return;
  }

  function textNode(value) {
    // Leaflet puts a string into innerHTML; a DOM node is appended as it is.
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function drawPin(element) {
    var data = element.dataset;
    var lat = parseFloat(data.lat);
    var lon = parseFloat(data.lon);
    if (isNaN(lat) || isNaN(lon)) {
      return;
    }
    var interactive = data.interactive === "true";
    var map = L.map(element, {
      center: [lat, lon],
      zoom: parseInt(data.zoom, 10) || 9,
      zoomControl: interactive,
      dragging: interactive,
      scrollWheelZoom: false,
      doubleClickZoom: interactive,
      boxZoom: interactive,
      keyboard: interactive,
      touchZoom: interactive,
      attributionControl: Boolean(data.tileUrl),
    });
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, {
        maxZoom: 19,
        attribution: "&copy; OpenStreetMap contributors",
      }).addTo(map);
    }
    var pin = L.circleMarker([lat, lon], {
      radius: 9,
      color: "#0b5394",
      weight: 3,
      fillColor: "#ffbf47",
      fillOpacity: 0.9,
    }).addTo(map);
    if (data.label) {
      pin.bindTooltip(textNode(data.label));
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".js-map-pin"), drawPin);
})();
