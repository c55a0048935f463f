/* Search autocomplete, a progressive enhancement: every search box (name="q") gets a
   native <datalist> of page titles fetched from the same origin as the visitor types.
   Without JavaScript the forms work exactly the same. */
(function () {
  "use strict";
  if (!window.fetch || !document.querySelector || window.cdpSearchAutocomplete) return;
  window.cdpSearchAutocomplete = true;
  var DEFAULT_URL = "/recherche/suggestions/";
  var DELAY = 200;
  var inputs = document.querySelectorAll('input[type="search"][name="q"]');

  function attach(input, index) {
    var url = input.getAttribute("data-autocomplete-url") || DEFAULT_URL;
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + index;
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var controller = null;
    var last = "";

    function fill(suggestions) {
      while (list.firstChild) list.removeChild(list.firstChild);
      suggestions.forEach(function (text) {
        var option = document.createElement("option");
        option.value = text;
        list.appendChild(option);
      });
    }

    function lookUp() {
      var value = input.value.trim();
      if (value === last) return;
      last = value;
      if (value.length < 2) { fill([]); return; }
      if (controller && controller.abort) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(value), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      }).then(function (data) {
        if (input.value.trim() === value) fill(data.suggestions || []);
      }).catch(function () { /* offline or aborted: keep the plain search box */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, DELAY);
    });
  }

  for (var i = 0; i < inputs.length; i++) attach(inputs[i], i);
})();
