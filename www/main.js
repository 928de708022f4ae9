// The page's entry: load the engine (canbao_core_bg.wasm, fetched beside this
// file; the built-in packs are bundled in), then the page. Registers the
// service worker that keeps the page working offline after the first visit.
import init, * as canbao from "../pkg/web/canbao.js";
import { start } from "./app.js";

init().then(() => start(canbao, { pastPacks: () => import("../pkg/web/packs-past.js") }));

if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
