// Offline reading: registers the service worker (/sw.js); when a new version of the site is
// installed, offers « Nouvelle version disponible » and reloads on request. Nothing without it.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  var asked = false;
  function offer(worker) {
    var banner = document.getElementById("sw-update");
    if (!banner) { return; }
    banner.hidden = false;
    banner.querySelector("button").addEventListener("click", function () {
      asked = true;
      worker.postMessage("skip-waiting");
    });
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (asked) { asked = false; window.location.reload(); }
  });
  navigator.serviceWorker.register("/sw.js", {scope: "/"}).then(function (registration) {
    if (registration.waiting && navigator.serviceWorker.controller) { offer(registration.waiting); }
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) { offer(worker); }
      });
    });
  }, function () {});
})();
