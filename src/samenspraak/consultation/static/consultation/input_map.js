// Progressive enhancement: the inputs of a list as dots on a Leaflet map. The same inputs are
// listed as text under the map (and without JavaScript only that list shows).
(function () {
  "use strict";
  var element = document.getElementById("inputs-map");
  if (!element || typeof L === "undefined") return;
  var pointsNode = document.getElementById(element.dataset.pointsId);
  var shapesNode = document.getElementById(element.dataset.shapesId);
  if (!pointsNode) return;
  var points = JSON.parse(pointsNode.textContent);
  var shapes = shapesNode ? JSON.parse(shapesNode.textContent) : null;
  if (!points.length) return;

  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false });
  // The view first: Leaflet draws vector layers only on a map that has one.
  var bounds = points.map(function (point) { return [point.lat, point.lon]; });
  function fit() { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 }); }
  fit();
  map.on("resize", fit); // a phone turned sideways still shows every dot
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: element.dataset.attribution || "",
    }).addTo(map);
  }
  if (shapes && shapes.features && shapes.features.length) {
    L.geoJSON(shapes, {
      style: function () { return { weight: 1, fillOpacity: 0.05, color: "#555" }; },
    }).addTo(map);
  }

  function popup(point) {
    // Built from text nodes: titles are residents' text and never become HTML.
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    box.appendChild(link);
    if (point.place) {
      var where = document.createElement("div");
      where.textContent = point.place;
      box.appendChild(where);
    }
    return box;
  }

  points.forEach(function (point) {
    L.circleMarker([point.lat, point.lon], {
      radius: 8, weight: 2, color: "#00568b", fillOpacity: 0.7,
    })
      .bindPopup(popup(point))
      .addTo(map);
  });
})();
