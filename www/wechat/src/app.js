// Starts loading the engine when the mini-program starts, so the page finds it
// ready. Nothing is kept here: the page calls loadCanbao() itself, which
// returns this load while it runs and tries again after a failure (a kept
// rejected promise would never retry). The page shows any failure.
import { loadCanbao } from "./canbao/loader.js";

App({
  onLaunch() {
    loadCanbao().catch(function () {
      // The page reports it, with a button to try again.
    });
  },
});
