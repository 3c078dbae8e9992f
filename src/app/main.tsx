import { render } from "preact";
import { App } from "./App.tsx";
import { getLang } from "./i18n/define.ts";
import "./styles/base.css";

document.documentElement.lang = getLang();
const root = document.getElementById("app");
if (root) render(<App />, root);
