// Clickable knowledge-graph view: vis-network drawn inside a Streamlit custom component (v2).
// Python sends {payload, height, expose}; clicks go back as the trigger value "click".
// The payload (graph/picture/payload.py, `Payload`; tests/graph/picture/test_payload.py checks this list):
//   nodes, edges  vis-network items; nodes have opaque ids, a concept's name in `name`, each item a `kind`
//                 ("concept", "phrase" or "bend": an invisible point where a line bends; "link" or "trunk");
//                 an edge's `link` is the link a click reports
//   options       vis-network options          focus, focus_id  the focus's name and its node's id
//   version       changes when the data does   legend           [{type, mark, colour, shape, hollow}]
//   least_scale   least legible zoom           whole_map, note  the "All" map, and a line under it
//   aria_label    the picture in a sentence    title            heading of a saved picture
//   keyboard      concepts' links, by id (keyboard.js)
//   group_names   the type of each group "g<k>" (read back by tests, not by this script)

const FIT_MS = 400;
const FIT_MARGIN = 0.93;
const WHOLE_MAP_FIT = 0.97 * 1.1; // vis-network's fit leaves 1/1.1 of the frame; the whole map fills 0.97 (view.py _FIT)
const EXPORT_SCALE = 2; // "Save picture" draws the picture again at twice its size on screen, for print
const ZOOM_STEP = 1.25;

const views = new WeakMap(); // parentElement -> {network, container, nodes, version, options, emit}

function ensureContainer(parentElement) {
  let container = parentElement.querySelector(".kg-graph");
  if (!container) {
    // Inside the shadow root page styles do not apply, so vis-network's own CSS is linked here.
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = visUrl("vis-network.css");
    container = document.createElement("div");
    container.className = "kg-graph";
    container.setAttribute("role", "img");
    const frame = document.createElement("div");
    frame.className = "kg-frame";
    const tools = document.createElement("div");
    tools.className = "kg-tools";
    tools.append(
      toolButton("−", "Zoom out", () => zoom(container, 1 / ZOOM_STEP)),
      toolButton("+", "Zoom in", () => zoom(container, ZOOM_STEP)),
      toolButton("Fit", "Fit the picture in view, names still readable", () => fitPicture(views.get(parentElement))),
      fullScreenButton(frame, container),
      savePictureButton(container),
    );
    // The legend is beside the picture in the page; in full screen it has to come along.
    const key = document.createElement("div");
    key.className = "kg-key";
    key.setAttribute("aria-hidden", "true");
    // Says each new picture to screen readers (the list of links beside it is the way to explore it).
    const status = document.createElement("p");
    status.className = "kg-status";
    status.setAttribute("aria-live", "polite");
    const note = document.createElement("p");
    note.className = "kg-note";
    note.hidden = true;
    // Embedded in a course page (?embed=true) the page's title and legend are not there: the picture brings its own.
    const heading = document.createElement("p");
    heading.className = "kg-heading";
    if (new window.URLSearchParams(window.location.search).get("embed") === "true") frame.classList.add("kg-embedded");
    // The note and the buttons share the row under the picture: on a laptop, a row of its own for the
    // note pushed the buttons below the screen.
    const under = document.createElement("div");
    under.className = "kg-under";
    under.append(note, tools);
    frame.append(heading, key, container, under, status);
    parentElement.append(css, frame);
  }
  return container;
}

function toolButton(text, label, action) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text;
  button.title = label;
  button.setAttribute("aria-label", label);
  button.addEventListener("click", action);
  return button;
}

// Zooming out stops where names would be too small to read (the view's least scale, from Python).
function zoom(container, factor) {
  const network = container.kgNetwork;
  if (!network) return;
  const least = container.kgLeastScale ?? 0;
  const scale = Math.max(network.getScale() * factor, Math.min(least, network.getScale()));
  network.kgUserMoved = true;
  network.moveTo({ scale, animation: { duration: 200, easingFunction: "easeInOutQuad" } });
}

// "Fit": the whole picture if its names can be read so; else as much of it as can, around its middle.
function fitPicture(view) {
  if (view) fitWithMargin(view.network, true, view.container.kgLeastScale ?? 0, view.wholeMap, true);
}

// Coloured marks and type names, as text (never HTML: type names come from the user's CSV).
function showLegend(frame, legend) {
  const key = frame.querySelector(".kg-key");
  key.replaceChildren(...(legend ?? []).map(({ type, mark, colour }) => {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.style.color = colour;
    swatch.textContent = mark;
    item.append(swatch, ` ${type}`);
    return item;
  }));
}

// A sentence about the picture as a whole (a map in several parts), as text under the picture.
function showNote(frame, note) {
  const element = frame.querySelector(".kg-note");
  element.textContent = note ?? "";
  element.hidden = !note;
}

// "Full screen": the picture alone on the screen (a projector), and back with Esc.
function fullScreenButton(frame, container) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Full screen";
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else frame.requestFullscreen?.();
  });
  frame.addEventListener("fullscreenchange", () => {
    button.textContent = document.fullscreenElement ? "Exit full screen" : "Full screen";
    // Once the new size has been laid out; names stay readable (see fitPicture).
    setTimeout(() => container.kgNetwork && fitWithMargin(container.kgNetwork, false, container.kgLeastScale ?? 0, true, true), 100);
  });
  return button;
}

// "Save picture": the picture drawn again at EXPORT_SCALE times its size on screen (so names stay sharp
// in print), on white, with its title above and the legend below, as a PNG made in the browser.
function savePictureButton(container) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Save picture (PNG)";
  button.addEventListener("click", () => {
    const network = container.kgNetwork;
    if (!network) return;
    const link = document.createElement("a");
    link.href = pictureForPrint(container, network).toDataURL("image/png");
    link.download = `${container.dataset.focus || "concept-map"}.png`;
    link.click();
  });
  return button;
}

function pictureForPrint(container, network) {
  const { width, height } = container.getBoundingClientRect();
  const before = { position: network.getViewPosition(), scale: network.getScale() };
  const style = { width: container.style.width, height: container.style.height };
  // A bigger canvas with the view zoomed by the same factor: the same picture, drawn with more pixels.
  container.style.width = `${width * EXPORT_SCALE}px`;
  container.style.height = `${height * EXPORT_SCALE}px`;
  network.setSize(`${width * EXPORT_SCALE}px`, `${height * EXPORT_SCALE}px`);
  network.moveTo({ position: before.position, scale: before.scale * EXPORT_SCALE });
  network.redraw();
  const canvas = container.querySelector("canvas");
  const ratio = canvas.width / (width * EXPORT_SCALE); // the screen's own pixel ratio
  const font = (px, bold) => `${bold ? "bold " : ""}${Math.round(px * EXPORT_SCALE * ratio)}px sans-serif`;
  const band = 44 * EXPORT_SCALE * ratio;
  const page = document.createElement("canvas");
  page.width = canvas.width;
  page.height = canvas.height + 2 * band;
  const context = page.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, page.width, page.height);
  context.drawImage(canvas, 0, band);
  context.fillStyle = "#111111";
  context.textBaseline = "middle";
  context.font = font(22, true);
  context.fillText(container.dataset.title || "Concept map", band / 3, band / 2);
  drawLegend(context, container.kgLegend ?? [], band / 3, page.height - band / 2, font(16));
  container.style.width = style.width;
  container.style.height = style.height;
  network.setSize(style.width || "100%", style.height);
  network.moveTo(before);
  network.redraw();
  return page;
}

function drawLegend(context, legend, x, y, font) {
  context.font = font;
  for (const { type, mark, colour } of legend) {
    context.fillStyle = colour;
    context.fillText(mark, x, y);
    x += context.measureText(`${mark} `).width;
    context.fillStyle = "#111111";
    context.fillText(type, x, y);
    x += context.measureText(`${type}    `).width;
  }
}

// Every vis-network option comes from Python (graph/picture/view.py vis_options): none is written here.
function createView(vis, parentElement, container, options) {
  const network = new vis.Network(container, {}, options);
  container.kgNetwork = network;
  // The picture itself takes the keys (keyboard.js); vis-network's own canvas stays out of the Tab order.
  container.querySelectorAll("[tabindex]").forEach((element) => { element.tabIndex = -1; });
  const view = { network, container, nodes: null, version: null, options: JSON.stringify(options), emit: null };
  view.zoomBy = (closer) => zoom(container, closer ? ZOOM_STEP : 1 / ZOOM_STEP); // for the + and - keys (keyboard.js)
  network.on("click", ({ nodes, edges }) => {
    // A node click also lists the node's edges, so nodes win; empty canvas lists neither.
    // A link drawn in two parts (through its linking phrase) names its link in `link`.
    // Nodes have opaque ids (a concept may be called "__proto__"): a concept is reported by its name.
    // A linking phrase names its links: a click on it opens the evidence of all of them (id: the first).
    if (nodes.length) {
      const node = view.nodes.get(nodes[0]);
      if (node?.kind === "concept") view.emit("click", { kind: "node", id: node.name });
      else if (node?.kind === "phrase" && node.links?.length) view.emit("click", { kind: "edge", id: node.links[0], links: node.links });
      // A point where a line bends stands for its line: a click on it is a click on the line's link.
      else if (node?.kind === "bend") {
        const part = network.body.data.edges.get(network.getConnectedEdges(nodes[0])[0]);
        if (part?.link != null) view.emit("click", { kind: "edge", id: part.link });
      }
    }
    else if (edges.length) view.emit("click", { kind: "edge", id: network.body.data.edges.get(edges[0])?.link ?? edges[0] });
  });
  // The mouse wheel too stops zooming out where names would be too small to read.
  network.on("zoom", ({ scale }) => {
    network.kgUserMoved = true;
    const least = container.kgLeastScale ?? 0;
    if (scale < least * 0.999) network.moveTo({ scale: least });
  });
  network.on("dragEnd", () => { network.kgUserMoved = true; });
  // A frame that changes size (a window resized, a laptop plugged into a projector) fits the picture
  // again, as it first opened, unless the reader has moved or zoomed it since.
  let size = { width: container.clientWidth, height: container.clientHeight };
  let pending = null;
  new ResizeObserver(() => {
    const now = { width: container.clientWidth, height: container.clientHeight };
    if (now.width === size.width && now.height === size.height) return;
    size = now;
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (!network.kgUserMoved && view.version !== null) fitWithMargin(network, false, container.kgLeastScale ?? 0, view.wholeMap);
    }, 150);
  }).observe(container);
  views.set(parentElement, view);
  enableKeyboard(view);
  return view;
}

// vis-network fits the shapes, not their labels: zoom out a little so edge labels are not cut off
// (the whole map has none: its names are its boxes, so it is fitted as it is).
// `leastScale` (from Python): names must be readable at the first zoom, so a picture too big for the
// frame is shown at that scale around its focus (at canvas 0, 0), or its middle for the whole map;
// "Fit" shows the whole of it.
function fitWithMargin(network, animate, leastScale = 0, wholeMap = false, middle = false) {
  network.kgUserMoved = false;
  const before = { position: network.getViewPosition(), scale: network.getScale() };
  // The names and phrases, not the points where lines bend (drawn as nothing), are what must fit.
  const shown = network.body.nodeIndices.filter((id) => network.body.data.nodes.get(id)?.kind !== "bend");
  network.fit({ nodes: shown, animation: false });
  // The whole map (its names are its boxes: nothing sticks out) fills more of the frame than vis-network's
  // fit leaves it, but is never drawn larger than life.
  const fitted = network.getScale();
  const scale = wholeMap ? (network.kgWholeMap ? Math.min(fitted * WHOLE_MAP_FIT, Math.max(fitted, 1)) : fitted) : fitted * FIT_MARGIN;
  let target = { position: network.getViewPosition(), scale };
  if (target.scale < leastScale) target = { position: wholeMap || middle ? target.position : { x: 0, y: 0 }, scale: leastScale };
  if (!animate) {
    network.moveTo(target);
    return;
  }
  network.moveTo(before);
  network.moveTo({ ...target, animation: { duration: FIT_MS, easingFunction: "easeInOutQuad" } });
}

function markReadyAfter(view, eventName, version) {
  view.network.once(eventName, () => {
    if (view.version === version) view.container.dataset.ready = "true";
  });
}

function render(vis, parentElement, container, payload, expose, setTriggerValue) {
  const view = views.get(parentElement) ?? createView(vis, parentElement, container, payload.options ?? {});
  const { network } = view;
  view.emit = setTriggerValue;
  if (expose) window.kgNetwork = network;

  const optionsKey = JSON.stringify(payload.options ?? {});
  if (optionsKey !== view.options) {
    network.setOptions(payload.options ?? {});
    view.options = optionsKey;
  }

  const version = String(payload.version ?? "");
  if (version !== view.version) {
    const firstDraw = view.version === null;
    view.version = version;
    container.dataset.version = version;
    container.dataset.ready = "false";
    view.nodes = new vis.DataSet(payload.nodes ?? []);
    keyboardView(view, payload);
    network.setData({ nodes: view.nodes, edges: new vis.DataSet(payload.edges ?? []) });
    // A tooltip of the concept just clicked would otherwise stay over the new picture until the mouse moves.
    container.querySelectorAll(".vis-tooltip").forEach((tip) => { tip.style.visibility = "hidden"; });
    showLegend(container.parentElement, payload.legend);
    container.kgLegend = payload.legend;
    if (!firstDraw) container.parentElement.querySelector(".kg-status").textContent = payload.aria_label ?? "";
    const leastScale = payload.least_scale ?? 0;
    container.kgLeastScale = leastScale;
    view.wholeMap = Boolean(payload.whole_map);
    network.kgWholeMap = view.wholeMap;
    showNote(container.parentElement, payload.note);
    if (firstDraw) {
      fitWithMargin(network, false, leastScale, view.wholeMap);
      markReadyAfter(view, "afterDrawing", version);
    } else {
      // Ready only once the view stops moving, so tests (and people) click where things are.
      markReadyAfter(view, "animationFinished", version);
      fitWithMargin(network, true, leastScale, view.wholeMap);
    }
  }

  const focus = payload.focus_id;
  container.dataset.focus = payload.focus ?? "";
  if (focus != null && view.nodes.get(focus)) network.selectNodes([focus]);
  else network.unselectAll();
}

export default function graphView({ data, parentElement, setTriggerValue }) {
  const { payload, height, reserved, expose } = data;
  const container = ensureContainer(parentElement);
  // At least `height`, and taller on a tall screen (a projector), leaving `reserved` px for what is above and below.
  container.style.height = `max(${height}px, calc(100vh - ${reserved}px))`;
  container.dataset.title = payload.title ?? payload.aria_label ?? "";
  const heading = parentElement.querySelector(".kg-heading");
  if (heading) heading.textContent = payload.title ?? (payload.focus ? `Concept map: ${payload.focus}` : "Concept map");
  container.setAttribute("aria-label", payload.aria_label ?? "Knowledge graph");

  loadVis()
    .then((vis) => render(vis, parentElement, container, payload, expose, setTriggerValue))
    .catch((error) => {
      console.error(error);
      // Keep a picture that was drawn before; only an empty view gets the message.
      if (!views.has(parentElement)) {
        container.textContent = "The graph could not be drawn. Use the list of concepts instead.";
      }
    });

  // Streamlit keeps only the latest cleanup and calls it on unmount; a rerun keeps the element.
  return () => {
    if (parentElement.isConnected) return;
    const view = views.get(parentElement);
    if (!view) return;
    if (window.kgNetwork === view.network) window.kgNetwork = undefined;
    view.network.destroy();
    views.delete(parentElement);
  };
}
