// The kiosk's entry: the same page in kiosk mode, from one file that opens
// from file:// on a machine that has never been online. The build inlines the
// engine's module as base64 (`__CANBAO_WASM__`) and every pack the page may
// fetch: Chromium fetches nothing from file://.
import { initSync } from "../pkg/web/canbao.js";
import * as canbao from "../pkg/web/canbao.js";
import { PLACES } from "../pkg/web/places.js";
import { start } from "./app.js";
import { Pad } from "./view/pad.js";

initSync({ module: Uint8Array.from(atob(__CANBAO_WASM__), (c) => c.charCodeAt(0)) });
start(canbao, {
  kiosk: true,
  Pad,
  places: PLACES,
  placePack: (id) => import(`../pkg/web/places/${id}.js`),
  pastPacks: () => import("../pkg/web/packs-past.js"),
});
