// Skills map: published SMEs on a Leaflet map, aggregated server-side by rounded
// coordinates (points.json) and clustered client-side, so 100,000 companies stay usable.
// Without a tile server the markers are drawn on a plain background.
(function () {
  "use strict";
  var element = document.getElementById("skills-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var data = element.dataset;
  // Visitors who ask their system for less motion get no zoom or cluster animations.
  var animate = !(
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches
  );
  var map = L.map(element, {
    center: [45, 15],
    zoom: 4,
    minZoom: 2,
    maxZoom: 16,
    attributionControl: Boolean(data.tileUrl),
    zoomAnimation: animate,
    fadeAnimation: animate,
    markerZoomAnimation: animate,
  });
  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { maxZoom: 18 }).addTo(map);
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function popupFor(point) {
    var box = document.createElement("div");
    var title = document.createElement("p");
    title.className = "fw-semibold mb-1";
    title.appendChild(
      text((point.city ? point.city + " – " : "") + point.count + " " + data.textCompanies)
    );
    box.appendChild(title);
    var list = document.createElement("ul");
    list.className = "list-unstyled mb-1";
    point.companies.forEach(function (company) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = company.url;
      link.textContent = company.name;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (point.count > point.companies.length && point.country) {
      var more = document.createElement("a");
      more.href = data.directoryUrl + "?country=" + encodeURIComponent(point.country);
      more.textContent = data.textMore;
      box.appendChild(more);
    }
    return box;
  }

  var group = L.markerClusterGroup({
    showCoverageOnHover: false,
    chunkedLoading: true,
    animate: animate,
  });

  fetch(data.pointsUrl, { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (payload) {
      var markers = payload.points.map(function (point) {
        var marker = L.circleMarker([point.lat, point.lon], {
          radius: Math.min(6 + Math.log2(point.count + 1) * 2, 18),
          color: "#0b5394",
          weight: 2,
          fillColor: "#3d85c6",
          fillOpacity: 0.8,
        });
        marker.bindPopup(popupFor(point));
        return marker;
      });
      // circleMarkers are vector layers: markercluster needs a getLatLng, which they have.
      group.addLayers(markers);
      map.addLayer(group);
      if (markers.length) {
        map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 8 });
      }
    })
    .catch(function () {
      var note = document.createElement("p");
      note.className = "alert alert-warning m-2";
      note.appendChild(text(data.textError));
      element.appendChild(note);
    });
})();
