// vis-network for the page's components (prepended to each one's module by its Python wrapper).
// It is served by Streamlit's static file serving from the copy taken from the installed pyvis
// package (explorer/components/graph_view/__init__.py), never from a CDN. Its folder (with the version of
// vis-network, graph/picture/view.py VIS_VERSION) is written in by explorer/components/__init__.py vis_loader_js.

const VIS_DIR = "app/static/__VIS_VENDOR__/";

function visUrl(file) {
  // The component module runs from a blob: URL, so a relative URL must be resolved against the page.
  return new URL(VIS_DIR + file, document.baseURI).href;
}

// vis-network is a UMD bundle: as a classic script it sets window.vis; import() would export nothing.
// The promise lives on window so every component instance and every rerun shares one download.
function loadVis() {
  if (!window.__kgVisLoading) {
    window.__kgVisLoading = new Promise((resolve, reject) => {
      if (window.vis?.Network) return resolve(window.vis);
      const script = document.createElement("script");
      script.src = visUrl("vis-network.min.js");
      script.onload = () => resolve(window.vis);
      script.onerror = () => {
        window.__kgVisLoading = undefined; // let a later rerun try again
        reject(new Error(`vis-network could not be loaded from ${script.src}`));
      };
      document.head.appendChild(script);
    });
  }
  return window.__kgVisLoading;
}
