// « Garder hors ligne » on a practice, tool or meeting (the page and its documents, into the
// browser's own storage), and the list of what is kept on /hors-ligne/. The service worker
// (/sw.js) reads them back when the network fails. Only answers the site marks public are
// kept: a signed-in member's pages (private, no-store) never are.
(function () {
  "use strict";
  var KEPT = "cdp-kept-v1", VISITED = "cdp-pages-v1";
  if (!("caches" in window)) {
    var list = document.querySelector("[data-offline-list]");
    if (list) { list.querySelector("[data-offline-results]").textContent = list.getAttribute("data-unsupported"); }
    return;
  }
  function isPublic(response) {
    var control = (response.headers.get("Cache-Control") || "").toLowerCase();
    return response.status === 200 && !response.redirected && /(^|[\s,])public([\s,]|$)/.test(control) && !/(private|no-store)/.test(control);
  }
  function absolute(url) { return new URL(url, window.location.href).href; }
  function isPage(response) { return (response.headers.get("Content-Type") || "").indexOf("text/html") === 0; }
  // The documents a kept page lists in its « Garder hors ligne » section (data-files).
  function filesOf(html, pageUrl) {
    var section = new DOMParser().parseFromString(html, "text/html").querySelector("[data-keep-offline]");
    return ((section && section.getAttribute("data-files")) || "").split(" ").filter(Boolean).map(function (url) { return new URL(url, pageUrl).href; });
  }
  // After a page is removed: drop the documents no kept page lists any more (a document two
  // kept pages share stays).
  function sweep(cache) {
    return cache.keys().then(function (keys) {
      return Promise.all(keys.map(function (key) {
        return cache.match(key, {ignoreVary: true}).then(function (response) {
          if (!response || !isPage(response)) { return {key: key, files: null}; }
          return response.text().then(function (html) { return {key: key, files: filesOf(html, key.url)}; });
        });
      }));
    }).then(function (entries) {
      var listed = {};
      entries.forEach(function (entry) { (entry.files || []).forEach(function (url) { listed[url] = true; }); });
      return Promise.all(entries.filter(function (entry) { return entry.files === null && !listed[entry.key.url]; }).map(function (entry) {
        return cache.delete(entry.key, {ignoreVary: true});
      }));
    });
  }

  // A page: keep or remove. ---------------------------------------------------------------
  var section = document.querySelector("[data-keep-offline]");
  if (section) {
    var button = section.querySelector("[data-keep-button]");
    var status = section.querySelector("[data-keep-status]");
    var pageUrl = absolute(section.getAttribute("data-keep-offline"));
    var files = (section.getAttribute("data-files") || "").split(" ").filter(Boolean).map(absolute);
    var show = function (kept) {
      button.textContent = section.getAttribute(kept ? "data-remove-label" : "data-keep-label");
      button.setAttribute("aria-pressed", kept ? "true" : "false");
      button.hidden = false;
    };
    caches.open(KEPT).then(function (cache) { return cache.match(pageUrl, {ignoreVary: true}); }).then(function (found) { show(!!found); });
    button.addEventListener("click", function () {
      caches.open(KEPT).then(function (cache) {
        return cache.match(pageUrl, {ignoreVary: true}).then(function (found) {
          if (found) {
            return cache.delete(pageUrl, {ignoreVary: true}).then(function () { return sweep(cache); }).then(function () {
              status.textContent = section.getAttribute("data-removed"); show(false);
            });
          }
          status.textContent = section.getAttribute("data-saving");
          return fetch(pageUrl, {credentials: "same-origin", cache: "no-cache"}).then(function (page) {
            if (!isPublic(page)) { throw new Error("not public"); }
            // The documents are public because the page is (the server lists only those).
            return Promise.all(files.map(function (url) {
              return fetch(url, {credentials: "same-origin"}).then(function (file) {
                var control = (file.headers.get("Cache-Control") || "").toLowerCase();
                if (!file.ok || file.redirected || control.indexOf("no-store") !== -1) { throw new Error("document"); }
                return cache.put(url, file);
              });
            })).then(function () { return cache.put(pageUrl, page); });
          }).then(function () { status.textContent = section.getAttribute("data-saved"); show(true); });
        });
      }).catch(function (error) { status.textContent = section.getAttribute("data-failed"); if (window.console) { console.warn("offline: " + error); } });
    });
  }

  // /hors-ligne/: what this browser keeps. -------------------------------------------------
  var root = document.querySelector("[data-offline-list]");
  if (!root) { return; }
  var results = root.querySelector("[data-offline-results]");
  var clear = root.querySelector("[data-offline-clear]");
  function pagesOf(name) {
    return caches.open(name).then(function (cache) {
      return cache.keys().then(function (keys) {
        return Promise.all(keys.map(function (key) {
          return cache.match(key, {ignoreVary: true}).then(function (response) {
            if (!response || !isPage(response)) { return null; }
            return response.text().then(function (html) {
              var title = new DOMParser().parseFromString(html, "text/html").title || key.url;
              return {url: key.url, title: title.replace(/ · [^·]*$/, ""), date: response.headers.get("Date")};
            });
          });
        }));
      }).then(function (found) { return found.filter(Boolean); });  // documents are not listed
    });
  }
  function render(kept, visited) {
    results.textContent = "";
    var here = absolute(window.location.pathname);
    visited = visited.filter(function (page) { return page.url !== here && !kept.some(function (k) { return k.url === page.url; }); }).reverse();
    if (!kept.length && !visited.length) {
      var empty = document.createElement("p");
      empty.textContent = root.getAttribute("data-empty");
      results.appendChild(empty);
      clear.hidden = true;
      return;
    }
    [[kept, "data-kept-label", true], [visited, "data-visited-label", false]].forEach(function (group) {
      if (!group[0].length) { return; }
      var heading = document.createElement("h2");
      heading.textContent = root.getAttribute(group[1]);
      var list = document.createElement("ul");
      list.className = "offline-list";
      group[0].forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.url;
        link.textContent = page.title;
        item.appendChild(link);
        if (page.date) {
          var when = document.createElement("span");
          when.className = "meta";
          when.textContent = " · " + new Date(page.date).toLocaleDateString(document.documentElement.lang || "fr");
          item.appendChild(when);
        }
        if (group[2]) {
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "button button--secondary";
          remove.textContent = root.getAttribute("data-remove");
          remove.addEventListener("click", function () {
            caches.open(KEPT).then(function (cache) {
              return cache.delete(page.url, {ignoreVary: true}).then(function () { return sweep(cache); });
            }).then(refresh);
          });
          item.appendChild(document.createTextNode(" "));
          item.appendChild(remove);
        }
        list.appendChild(item);
      });
      results.appendChild(heading);
      results.appendChild(list);
    });
    clear.hidden = false;
  }
  function refresh() {
    return Promise.all([pagesOf(KEPT), pagesOf(VISITED)]).then(function (found) { render(found[0], found[1]); });
  }
  clear.addEventListener("click", function () {
    Promise.all([caches.delete(KEPT), caches.delete(VISITED)]).then(refresh).then(function () {
      results.insertAdjacentHTML("afterbegin", "<p class=\"notice\" role=\"status\"></p>");
      results.firstChild.textContent = clear.getAttribute("data-done");
    });
  });
  refresh();
})();
