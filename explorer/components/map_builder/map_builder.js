// Draw links with the mouse: vis-network's addEdgeMode in a Streamlit custom component (v2).
// Python sends {nodes, edges, version, height}; a drawn link goes back as the trigger value "link".

const PLACED = { color: { background: "#fde9b8", border: "#8a5a00" }, borderWidth: 3, font: { size: 17, bold: true } };
const OPTIONS = {
  physics: { enabled: false },
  interaction: { hover: true, keyboard: false, zoomView: true },
  nodes: { shape: "box", margin: 8, color: { background: "#eef2f7", border: "#1f5fa8" }, font: { size: 16, color: "#111" },
           widthConstraint: { maximum: 150 } },
  edges: { arrows: "to", color: "#444", font: { size: 14, align: "middle", background: "#ffffff" }, smooth: { type: "curvedCW", roundness: 0.15 } },
  // The toolbar is not shown: the buttons below start drawing. The API works all the same.
  manipulation: { enabled: false },
};

const builders = new WeakMap(); // parentElement -> {network, version, emit, pending}


function element(tag, props = {}, ...children) {
  const made = Object.assign(document.createElement(tag), props);
  made.append(...children);
  return made;
}

function build(parentElement) {
  const css = element("link", { rel: "stylesheet", href: visUrl("vis-network.css") });
  const container = element("div", { className: "mb-graph" });
  container.setAttribute("role", "img");
  container.setAttribute("aria-label", "Your map. To add a link with the keyboard, use the form beside it.");
  const draw = element("button", { type: "button", textContent: "Draw a link", className: "mb-draw" });
  const hint = element("span", { className: "mb-hint", textContent: "" });
  const bar = element("div", { className: "mb-bar" }, draw, hint);
  const words = element("input", { type: "text", className: "mb-words", placeholder: "e.g. can cause" });
  words.setAttribute("aria-label", "Linking words");
  const add = element("button", { type: "button", textContent: "Add this link", className: "mb-add" });
  const cancel = element("button", { type: "button", textContent: "Cancel", className: "mb-cancel" });
  const label = element("span", { className: "mb-pending" });
  // The map's vocabulary, offered as the words are typed (editing a map); Practice sends none.
  const choices = element("datalist", { id: `mb-relations-${Math.random().toString(36).slice(2)}` });
  const ask = element("div", { className: "mb-bar mb-ask", hidden: true }, label, words, choices, add, cancel);
  parentElement.append(css, container, bar, ask);
  return { container, draw, hint, ask, label, words, choices, add, cancel };
}

function create(vis, parentElement, parts) {
  const network = new vis.Network(parts.container, {}, OPTIONS);
  const builder = { network, parts, version: null, emit: null, pending: null };
  const startDrawing = () => {
    network.addEdgeMode();
    parts.hint.textContent = "Drag from one concept to another.";
  };
  const stopAsking = () => {
    builder.pending = null;
    parts.ask.hidden = true;
    parts.words.value = "";
  };
  network.setOptions({
    manipulation: {
      enabled: false,
      addEdge: (edge, callback) => {
        callback(null); // the link is drawn once Python has it, with its words
        if (edge.from === edge.to) { startDrawing(); return; }
        // Nodes have opaque ids; the link goes back to Python by the concepts' names.
        const name = (id) => network.body.data.nodes.get(id).name;
        builder.pending = { source: name(edge.from), target: name(edge.to) };
        parts.label.textContent = `${builder.pending.source} → … → ${builder.pending.target}:`;
        parts.ask.hidden = false;
        parts.hint.textContent = "";
        parts.words.focus();
      },
    },
  });
  parts.draw.addEventListener("click", startDrawing);
  const send = () => {
    const relation = parts.words.value.trim();
    if (!builder.pending || !relation) { parts.words.focus(); return; }
    builder.emit("link", { ...builder.pending, relation });
    stopAsking();
  };
  parts.add.addEventListener("click", send);
  parts.words.addEventListener("keydown", (event) => {
    if (event.key === "Enter") send();
    if (event.key === "Escape") stopAsking();
  });
  parts.cancel.addEventListener("click", () => { stopAsking(); network.disableEditMode(); parts.hint.textContent = ""; });
  builders.set(parentElement, builder);
  return builder;
}

export default function mapBuilder({ data, parentElement, setTriggerValue }) {
  const parts = builders.get(parentElement)?.parts ?? build(parentElement);
  parts.container.style.height = `${data.height}px`;
  const relations = data.relations ?? [];
  if (relations.length) parts.words.setAttribute("list", parts.choices.id);
  else parts.words.removeAttribute("list");
  parts.words.placeholder = relations.length ? "a relation of this map, or new words" : "e.g. can cause";
  parts.choices.replaceChildren(...relations.map(({ value, label }) => element("option", { value, label })));
  loadVis()
    .then((vis) => {
      const builder = builders.get(parentElement) ?? create(vis, parentElement, parts);
      builder.emit = setTriggerValue;
      window.kgMapBuilder = builder.network;
      if (builder.version !== data.version) {
        builder.version = data.version;
        parts.container.dataset.ready = "false";
        const nodes = data.nodes.map(({ placed, ...node }) => (placed ? { ...node, ...PLACED } : node));
        builder.network.setData({ nodes: new vis.DataSet(nodes), edges: new vis.DataSet(data.edges) });
        builder.network.fit({ animation: false });
        builder.network.once("afterDrawing", () => { parts.container.dataset.ready = "true"; });
        parts.container.dataset.links = String(data.edges.length);
      }
    })
    .catch((error) => {
      console.error(error);
      parts.container.textContent = "The picture could not be drawn. Use the form to add links.";
    });
  return () => {
    if (parentElement.isConnected) return;
    const builder = builders.get(parentElement);
    if (!builder) return;
    if (window.kgMapBuilder === builder.network) window.kgMapBuilder = undefined;
    builder.network.destroy();
    builders.delete(parentElement);
  };
}
