// Caches the page's own files on first visit, so it opens and answers with no
// network afterwards. Only same-origin GETs are answered; only complete, OK
// answers are stored (never a 404 or an error page); nothing else is fetched.
// The build (scripts/build-www.mjs) names the cache after the files' content
// and lists the files it wrote.
const CACHE = "canbao-v1";
const FILES = [];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== location.origin) return;
  e.respondWith(
    caches.match(e.request, { ignoreSearch: true }).then((hit) => hit || fetch(e.request).then((res) => {
      if (res.ok && res.status === 200 && res.type === "basic") {
        const copy = res.clone();
        e.waitUntil(caches.open(CACHE).then((c) => c.put(e.request, copy)));
      }
      return res;
    })),
  );
});
