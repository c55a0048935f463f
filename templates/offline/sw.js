{% autoescape off %}/* Service worker of the CdP portal (offline reading). Served at /sw.js by offline.views.
 * Pages: network first, the last public copy when the network fails. Static files: cache
 * first (their names change with their content). Never kept: the admin, forms and POST,
 * searches, downloads outside « Garder hors ligne », and any answer not marked public by the
 * site (Cache-Control: public; private, no-store, cookies and signed-in members never are).
 * Images (renditions under IMAGES_PREFIX): cache first, kept only when the page showing them
 * was kept (the last MAX_IMAGES), never an answer marked private or no-store. */
"use strict";
var VERSION = "{{ version }}";
var STATIC_CACHE = "cdp-static-" + VERSION;
var PAGES_CACHE = "cdp-pages-v1";   // pages visited, the last MAX_PAGES
var KEPT_CACHE = "cdp-kept-v1";     // « Garder hors ligne »: pages and their documents
var IMAGES_CACHE = "cdp-images-v1"; // images of the pages kept, the last MAX_IMAGES
var CURRENT = [STATIC_CACHE, PAGES_CACHE, KEPT_CACHE, IMAGES_CACHE];
var MAX_PAGES = 40;
var MAX_IMAGES = {{ max_images }};
var IMAGES_PREFIX = "{{ images_prefix }}";
var STATIC_URL = "{{ static_url }}";
var PRECACHE = {{ precache }};
var OFFLINE_URLS = {{ offline_urls }};
var NEVER_KEPT = {{ never_kept }};
var PERSONAL_PARAMETERS = {{ personal_parameters }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    return cache.addAll(PRECACHE).then(function () {
      return Promise.all(Object.keys(OFFLINE_URLS).map(function (code) {
        return fetch(OFFLINE_URLS[code], {credentials: "same-origin"}).then(function (response) {
          if (isPublic(response)) { return cache.put(OFFLINE_URLS[code], response); }
        }).catch(function () {});
      }));
    });
  }));
});

self.addEventListener("message", function (event) {
  if (event.data === "skip-waiting") { self.skipWaiting(); }
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("cdp-") === 0 && CURRENT.indexOf(name) === -1;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isPublic(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) { return false; }
  var control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return /(^|[\s,])public([\s,]|$)/.test(control) && !/(private|no-store)/.test(control);
}

function shareable(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) { return false; }
  return !/(private|no-store)/.test((response.headers.get("Cache-Control") || "").toLowerCase());
}

function isAdmin(url) {
  return url.pathname.indexOf("/admin/") === 0 || url.pathname.indexOf("/django-admin/") === 0;
}

function neverKept(url) {
  if (NEVER_KEPT.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; })) { return true; }
  return PERSONAL_PARAMETERS.some(function (name) { return url.searchParams.has(name); });
}

function offlinePage(url) {
  var code = url.pathname.indexOf("/en/") === 0 && OFFLINE_URLS.en ? "en" : Object.keys(OFFLINE_URLS)[0];
  return caches.match(OFFLINE_URLS[code], {ignoreVary: true}).then(function (page) {
    return page || new Response("<!doctype html><meta charset=utf-8><title>Hors ligne</title><p>Vous êtes hors ligne et cette page n'a pas été gardée.</p>", {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
  });
}

function trim(cache, max) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.slice(0, Math.max(0, keys.length - (max || MAX_PAGES))).map(function (key) { return cache.delete(key); }));
  });
}

function keepPage(request, response) {
  // The newest copy goes last (trim() drops the oldest); a kept page's copy is refreshed too.
  var key = request.url;
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.delete(key).then(function () { return cache.put(key, response.clone()); }).then(function () { return trim(cache); });
  }).then(function () {
    return caches.open(KEPT_CACHE).then(function (kept) {
      return kept.match(key, {ignoreVary: true}).then(function (old) { if (old) { return kept.put(key, response.clone()); } });
    });
  });
}

function fromCaches(request) {
  return caches.open(PAGES_CACHE).then(function (cache) { return cache.match(request, {ignoreVary: true}); }).then(function (found) {
    return found || caches.open(KEPT_CACHE).then(function (cache) { return cache.match(request, {ignoreVary: true}); });
  });
}

function pageIsKept(clientId) {
  // The page showing the image: kept only if the worker kept it (a public answer).
  if (!clientId) { return Promise.resolve(false); }
  return self.clients.get(clientId).then(function (client) {
    if (!client) { return false; }
    var page = new URL(client.url);
    if (page.origin !== self.location.origin || isAdmin(page) || neverKept(page)) { return false; }
    page.hash = "";
    return fromCaches(page.href).then(function (found) { return Boolean(found); });
  });
}

function imageFirst(event) {
  var request = event.request;
  return caches.open(IMAGES_CACHE).then(function (cache) {
    return cache.match(request, {ignoreVary: true}).then(function (found) {
      return found || fetch(request).then(function (response) {
        if (shareable(response)) {
          var copy = response.clone();
          event.waitUntil(pageIsKept(event.clientId).then(function (kept) {
            if (kept) { return cache.put(request.url, copy).then(function () { return trim(cache, MAX_IMAGES); }); }
          }));
        }
        return response;
      });
    });
  });
}

function networkFirst(event) {
  var request = event.request;
  return fetch(request).then(function (response) {
    if (isPublic(response)) { event.waitUntil(keepPage(request, response.clone())); }
    return response;
  }, function () {
    return fromCaches(request).then(function (found) { return found || offlinePage(new URL(request.url)); });
  });
}

function staticFirst(request, url) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (found) {
      return found || fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") { cache.put(request, response.clone()); }
        return response;
      }, function () {
        // A page kept under an older version names the older file (hashed name): the
        // current one of the same name stands in for it.
        var plain = url.pathname.replace(/\.[0-9a-f]{12}(\.[a-z0-9]+)$/, "$1");
        return cache.keys().then(function (keys) {
          var same = keys.find(function (key) { return new URL(key.url).pathname.replace(/\.[0-9a-f]{12}(\.[a-z0-9]+)$/, "$1") === plain; });
          return same ? cache.match(same) : Response.error();
        });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }  // forms and POST: the network only
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf(STATIC_URL) === 0) {
    event.respondWith(staticFirst(request, url));
  } else if (url.pathname.indexOf(IMAGES_PREFIX) === 0) {
    event.respondWith(imageFirst(event));
  } else if (url.pathname.indexOf("/documents/") === 0) {
    // Documents are kept only by « Garder hors ligne » (offline-keep.js), and read from there.
    event.respondWith(fetch(request).catch(function () {
      return caches.open(KEPT_CACHE).then(function (cache) { return cache.match(request, {ignoreVary: true}); }).then(function (found) { return found || Response.error(); });
    }));
  } else if (request.mode === "navigate") {
    if (isAdmin(url)) { return; }
    if (neverKept(url)) {
      event.respondWith(fetch(request).catch(function () { return offlinePage(url); }));
    } else {
      event.respondWith(networkFirst(event));
    }
  }
});
{% endautoescape %}
