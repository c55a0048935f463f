// « Imprimer » on a sheet: shows the button that opens the browser's print dialog. Without
// JavaScript the page says to use the browser's own command.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
