// The page's service worker: once visited, the page opens and answers with no
// network; after a new deploy, residents get the new rules on their next visit.
//
// What it touches is its own and nothing else (other pages and apps share the
// origin): it answers only the files this build wrote, keeps them in caches
// named "canbao:<scope>:<build>", and deletes only those of its own scope.
// The build (scripts/build-www.mjs) fills in VERSION (a hash of the files'
// content, so a new deploy is a new worker and a new cache), PAGE (fetched on
// install) and LATER (the places' and past years' packs, content-hashed
// names, kept once the page asks for them).
//
// Why not Workbox: its precaching runtime is 6 KB gzip (workbox-precaching 7,
// bundled and minified), more than the page's whole headroom under its 160 KB
// budget, for what these forty lines do. What Workbox gets right is copied: the files are fetched past the HTTP
// cache (`cache: "reload"`), so a host's long max-age cannot refill a new
// cache with old files.
const VERSION = "dev";
const PAGE = [];
const LATER = [];

const SCOPE = self.registration.scope;
const PREFIX = `canbao:${SCOPE}:`;
const CACHE = PREFIX + VERSION;
const OWN = new Set([...PAGE, ...LATER].map((f) => new URL(f, SCOPE).href));
const HOME = new URL("./", SCOPE).href;

self.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(PAGE.map((f) => new Request(new URL(f, SCOPE), { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  // Whoever asks past the cache gets the network.
  if (req.method !== "GET" || req.cache === "no-store" || req.cache === "reload") return;
  const url = new URL(req.url);
  url.hash = "";
  // The page itself, whatever it was opened with (?region=, ?year=, ?lang=).
  const home = req.mode === "navigate" && (url.pathname === new URL(HOME).pathname || url.href.startsWith(`${HOME}index.html`));
  const key = home ? HOME : url.href;
  if (!home && !OWN.has(key)) return;
  e.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            // Only a complete, OK answer is kept (never a 404 or an error page).
            if (res.status === 200 && res.type === "basic" && !home) e.waitUntil(cache.put(key, res.clone()));
            return res;
          }),
      ),
    ),
  );
});
