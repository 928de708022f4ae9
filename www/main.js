// The page's entry: load the engine (canbao_core_bg.wasm, fetched beside this
// file; the national rules are bundled in), then the page. A place's pack and
// the historical documents' are chunks fetched when a resident picks them.
// Registers the service worker that keeps the page working offline after the
// first visit.
import init, * as canbao from "../pkg/web/canbao.js";
import { PLACES } from "../pkg/web/places.js";
import { start } from "./app.js";

init().then(() =>
  start(canbao, {
    places: PLACES,
    placePack: (id) => import(`../pkg/web/places/${id}.js`),
    pastPacks: () => import("../pkg/web/packs-past.js"),
  }),
);

if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
