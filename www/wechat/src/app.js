// Loads the engine once, when the mini-program starts; pages await app.canbao.
import { loadCanbao } from "./canbao/loader.js";

App({
  onLaunch() {
    this.canbao = loadCanbao();
  },
});
