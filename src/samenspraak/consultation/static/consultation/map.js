// Progressive enhancement: a Leaflet map to pick the point of an input. Without JavaScript the
// form has number fields for latitude and longitude (inside a <details>), which this fills in.
(function () {
  "use strict";
  var element = document.getElementById("input-map");
  if (!element || typeof L === "undefined") return;
  var shapesNode = document.getElementById(element.dataset.shapesId);
  var lat = document.getElementById(element.dataset.latField);
  var lon = document.getElementById(element.dataset.lonField);
  if (!shapesNode || !lat || !lon) return;
  var shapes = JSON.parse(shapesNode.textContent);
  if (!shapes.features || !shapes.features.length) return;

  element.hidden = false;
  var hint = element.parentNode.querySelector(".input-map__hint");
  if (hint) hint.hidden = false;

  var map = L.map(element, { scrollWheelZoom: false });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: element.dataset.attribution || "",
    }).addTo(map);
  }
  var layer = L.geoJSON(shapes, {
    style: function () { return { weight: 2, fillOpacity: 0.1 }; },
  }).addTo(map);
  map.fitBounds(layer.getBounds());

  var marker = null;
  function place(latlng) {
    if (marker) marker.setLatLng(latlng);
    else marker = L.circleMarker(latlng, { radius: 8 }).addTo(map);
  }
  function fromFields() {
    var a = parseFloat(String(lat.value).replace(",", "."));
    var b = parseFloat(String(lon.value).replace(",", "."));
    if (!isNaN(a) && !isNaN(b)) place([a, b]);
  }
  map.on("click", function (event) {
    lat.value = event.latlng.lat.toFixed(6);
    lon.value = event.latlng.lng.toFixed(6);
    place(event.latlng);
  });
  lat.addEventListener("change", fromFields);
  lon.addEventListener("change", fromFields);
  fromFields();
})();
