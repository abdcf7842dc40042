// Events pages: click-to-load recordings (the venue map is map_pin.js). No third-party request is
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

  // After a refused material request the page opens at #request; browsers ignore
  // autofocus on an address with a fragment, so the first wrong field is focused here.
  // (On "load": the browser's own scroll to the fragment comes after the scripts.)
  var firstError = document.querySelector("#request [aria-invalid='true']");
  if (firstError) {
    window.addEventListener("load", function () {
      firstError.focus();
    });
  }
})();
