import { render } from "preact";
import { linkSurfaceManifest } from "../pwa/manifest-link.ts";
import { App } from "./App.tsx";
import { getLang } from "./i18n/define.ts";
import "./styles/base.css";

document.documentElement.lang = getLang();
linkSurfaceManifest();
const root = document.getElementById("app");
if (root) render(<App />, root);
