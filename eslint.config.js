// eslint for the page's components (make lint). Each component is one ES module made of several
// files joined together (explorer/components/*/__init__.py): vis_loader.js, then keyboard.js for the graph
// view, then the component itself, so a file may call what an earlier file of its module defines.
import js from "@eslint/js";

const browser = {
  window: "readonly",
  document: "readonly",
  getComputedStyle: "readonly",
  requestAnimationFrame: "readonly",
  cancelAnimationFrame: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
  ResizeObserver: "readonly",
  MutationObserver: "readonly",
  URL: "readonly",
  Image: "readonly",
  HTMLElement: "readonly",
  KeyboardEvent: "readonly",
  console: "readonly",
};
const fromVisLoader = { visUrl: "readonly", loadVis: "readonly" };
const fromKeyboard = { enableKeyboard: "readonly", keyboardView: "readonly", onKey: "readonly", drawCursor: "readonly" };

export default [
  js.configs.recommended,
  {
    files: ["explorer/components/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: browser },
  },
  {
    // The first parts of a module: what they define is used by the files joined after them.
    files: ["explorer/components/vis_loader.js", "explorer/components/graph_view/keyboard.js"],
    languageOptions: { sourceType: "script" },
    rules: { "no-unused-vars": ["error", { vars: "local" }] },
  },
  { files: ["explorer/components/graph_view/graph_view.js"], languageOptions: { globals: { ...browser, ...fromVisLoader, ...fromKeyboard } } },
  { files: ["explorer/components/map_builder/map_builder.js"], languageOptions: { globals: { ...browser, ...fromVisLoader } } },
];
