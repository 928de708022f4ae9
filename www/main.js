// The page's entry: load the engine, then the page. Registers the service
// worker that keeps the page working offline after the first visit.
import init, * as canbao from "./canbao.js";
import { start } from "./app.js";

await init();
start(canbao);

if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
