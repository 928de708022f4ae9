// The page's entry: load the engine (canbao.js fetches canbao_core_bg.wasm
// beside it; the built-in packs are in packs.js), then the page. Registers the
// service worker that keeps the page working offline after the first visit.
import init, * as canbao from "./canbao.js";
import { start } from "./app.js";

await init();
start(canbao);

if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
