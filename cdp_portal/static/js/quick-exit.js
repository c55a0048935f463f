/* Quick exit: the button is a plain link that works without JavaScript. With JavaScript,
   pressing Shift three times (GOV.UK "Exit this page" convention) leaves too, and the
   portal is replaced in the history so that "Back" does not return to it. */
(function () {
  "use strict";
  var container = document.querySelector("[data-quick-exit]");
  if (!container) return;
  var link = container.querySelector("[data-quick-exit-link]");
  var target = link.getAttribute("href");

  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.display = "none";
    document.title = "";
    try { window.history.replaceState(null, "", "/"); } catch (e) {}
    window.location.replace(target);
  }

  link.addEventListener("click", leave);

  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) leave();
  });
})();
