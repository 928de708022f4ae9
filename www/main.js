// The page's entry: load the engine (canbao_core_bg.wasm, fetched beside this
// file; the national rules are bundled in), then the page. A place's pack and
// the historical documents' are chunks fetched when a resident picks them.
// Registers the service worker that keeps the page working offline after the
// first visit.
import init, * as canbao from "../pkg/web/canbao.js";
import { PLACES } from "../pkg/web/places.js";
import { start } from "./app.js";
import { wantLang } from "./i18n.js";

// The engine, and the words of the language ?lang= asks for (split off by the build).
Promise.all([init(), wantLang(new URLSearchParams(location.search).get("lang")).catch(() => {})]).then(() =>
  start(canbao, {
    places: PLACES,
    // The packs' texts come in 简体 (packs-zh.js); another language's when it is chosen.
    packTexts: (lang) => (lang === "en" ? import("../pkg/web/texts-en.js") : import("../pkg/web/texts-zh-TW.js")),
    placePack: (id) => import(`../pkg/web/places/${id}.js`),
    loadPad: () => import("./view/pad.js"),
    pastPacks: () => import("../pkg/web/packs-past.js"),
  }),
);

if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("./sw.js", { updateViaCache: "none" }).catch(() => {});
}
