/* Quick exit. The button is a plain link and works without JavaScript. This script adds
   the GOV.UK "Exit this page" behaviour: Shift pressed three times on its own (also while
   typing in a field), each press within 5 seconds of the last, leaves the site; the page
   is blanked at once and replaced in the history (location.replace), so "Back" does not
   return to it. Screen readers hear how many presses remain. */
(function () {
  "use strict";
  var root = document.querySelector("[data-quick-exit]");
  var link = root && root.querySelector("[data-quick-exit-link]");
  if (!link) return;
  var status = root.querySelector("[data-quick-exit-status]");
  var TIMEOUT = 5000;
  var presses = 0;
  var lastKeyWasModified = false;
  var timer = null;
  var title = document.title;

  function say(key) {
    if (status) status.textContent = key ? root.getAttribute("data-" + key) || "" : "";
  }

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "";
    say("");
    try {
      window.location.replace(link.href);
    } catch (e) {
      window.location.href = link.href;
    }
  }

  function reset() {
    if (timer) window.clearTimeout(timer);
    timer = null;
    presses = 0;
    say("");
  }

  link.addEventListener("click", leave);

  // Capture phase: a widget that stops propagation must not swallow the shortcut.
  document.addEventListener("keyup", function (event) {
    // Shift used as a modifier (Shift+A) fires a keyup for A with shiftKey set, then one
    // for Shift: that second one is not a press of Shift on its own.
    if (event.key === "Shift" && !lastKeyWasModified) {
      presses += 1;
      if (timer) window.clearTimeout(timer);
      if (presses >= 3) {
        reset();
        leave();
      } else {
        say(presses === 1 ? "press-two-more" : "press-one-more");
        timer = window.setTimeout(reset, TIMEOUT);
      }
    } else if (presses) {
      reset();
    }
    lastKeyWasModified = event.shiftKey;
  }, true);

  // A page restored from the back-forward cache must not stay blank.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("quick-exit-leaving");
    document.title = title;
    reset();
  });
})();
