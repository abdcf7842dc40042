// Events pages: click-to-load recordings and the venue map. No third-party request is
// made until the visitor clicks "Load and play" (the CSP frame-src allows only the
// privacy-friendly players).
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".js-load-recording");
    if (!button) {
      return;
    }
    var placeholder = button.closest("[data-embed-src]");
    if (!placeholder) {
      return;
    }
    var frame = document.createElement("iframe");
    frame.className = "recording-frame rounded mb-3";
    frame.src = placeholder.getAttribute("data-embed-src");
    frame.title = placeholder.getAttribute("data-embed-title") || "Recording";
    frame.setAttribute("allow", "fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    placeholder.replaceWith(frame);
    frame.focus();
  });

  var mapElement = document.getElementById("event-map");
  if (mapElement && window.L) {
    var lat = parseFloat(mapElement.getAttribute("data-lat"));
    var lng = parseFloat(mapElement.getAttribute("data-lng"));
    if (!isNaN(lat) && !isNaN(lng)) {
      var map = window.L.map(mapElement, { scrollWheelZoom: false }).setView([lat, lng], 15);
      // Without a configured tile server the marker sits on a plain background: no
      // request leaves the site.
      var tiles = mapElement.getAttribute("data-tiles");
      if (tiles) {
        window.L.tileLayer(tiles, {
          maxZoom: 19,
          attribution: "&copy; OpenStreetMap contributors",
        }).addTo(map);
      }
      window.L.marker([lat, lng], { title: mapElement.getAttribute("data-label") }).addTo(map);
    }
  }
})();
