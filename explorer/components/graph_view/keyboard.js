// The picture as a keyboard place (prepended to graph_view.js, which calls enableKeyboard and
// keyboardView). Tab enters the picture on its focus; the arrow keys move a visible cursor along a
// link to the linked concept lying most in that direction; Home goes back to the focus; Enter makes
// the cursor's concept the focus of the view (as a click would); + and - zoom; Escape leaves the picture
// for the buttons just after it. Each move
// is said through the picture's live region: "Tremors — symptom — Dopamine deficiency can cause
// Tremors; 3 links". `payload.keyboard` (graph/picture/keyboard.py) lists each concept's links as sentences,
// keyed by node id (graph/picture/view.py `for_browser`: ids are opaque, each concept has its `name`).

const ARROWS = { ArrowRight: 0, ArrowDown: Math.PI / 2, ArrowLeft: Math.PI, ArrowUp: -Math.PI / 2 };
const WIDEST_TURN = (4 * Math.PI) / 9; // 80°: further from the arrow's direction than this is not "that way"
const CURSOR_COLOUR = "#1f5fa8";

function enableKeyboard(view) {
  const { container, network } = view;
  container.tabIndex = 0;
  container.setAttribute("role", "application");
  container.setAttribute("aria-roledescription", "concept map");
  container.addEventListener("focus", () => {
    if (view.cursor == null) moveCursor(view, view.keyboard?.focus, null, true);
  });
  container.addEventListener("blur", () => {
    view.cursor = null;
    network.redraw();
  });
  container.addEventListener("keydown", (event) => onKey(view, event));
  network.on("afterDrawing", (context) => drawCursor(view, context));
}

// A new picture: the cursor, if the learner is in the picture, starts again on the new focus.
function keyboardView(view, payload) {
  view.keyboard = { focus: payload.focus_id, concepts: new Map(Object.entries(payload.keyboard ?? {})) };
  if (view.cursor != null) view.cursor = payload.focus_id;
}

function concept(view, id) {
  return view.keyboard?.concepts?.get(id);
}

function say(view, text) {
  const status = view.container.parentElement.querySelector(".kg-status");
  if (status) status.textContent = text;
}

function moveCursor(view, id, sentence, entering) {
  const about = concept(view, id);
  if (!about) return;
  view.cursor = id;
  const count = `${about.links.length} link${about.links.length === 1 ? "" : "s"}`;
  const how = entering ? "Arrow keys follow its links, Enter shows a concept, Escape leaves the picture." : "";
  say(view, [`${about.name} — ${about.type}`, sentence, `${count}.`, how].filter(Boolean).join(" — "));
  view.network.redraw();
}

function onKey(view, event) {
  if (view.cursor == null) return;
  if (event.key in ARROWS) {
    event.preventDefault();
    const next = towards(view, ARROWS[event.key]);
    if (next) moveCursor(view, next.to, next.sentence, false);
    else say(view, `No concept linked to ${concept(view, view.cursor).name} lies that way.`);
  } else if (event.key === "Home") {
    event.preventDefault();
    moveCursor(view, view.keyboard.focus, "the focus of the picture", false);
  } else if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    if (view.cursor !== view.keyboard.focus) view.emit("click", { kind: "node", id: concept(view, view.cursor).name });
    else say(view, `${concept(view, view.cursor).name} is already the focus.`);
  } else if (event.key === "+" || event.key === "=") {
    event.preventDefault();
    view.zoomBy(true);
  } else if (event.key === "-" || event.key === "_") {
    event.preventDefault();
    view.zoomBy(false);
  } else if (event.key === "Escape") {
    // Out of the picture to what comes just after it (its buttons), not back to the top of the page.
    const next = view.container.parentElement.querySelector(".kg-tools button");
    if (next) next.focus();
    else view.container.blur();
  }
}

// The linked concept whose direction from the cursor is nearest the arrow's, within WIDEST_TURN.
function towards(view, direction) {
  const from = view.cursor;
  const links = concept(view, from)?.links ?? [];
  const ids = [from, ...links.map((link) => link.to)];
  const at = view.network.getPositions(ids.filter((id) => view.nodes.get(id)));
  let best = null;
  for (const link of links) {
    if (!at[link.to] || !at[from]) continue;
    const angle = Math.atan2(at[link.to].y - at[from].y, at[link.to].x - at[from].x);
    const turn = Math.abs(Math.atan2(Math.sin(angle - direction), Math.cos(angle - direction)));
    const distance = Math.hypot(at[link.to].x - at[from].x, at[link.to].y - at[from].y);
    if (turn <= WIDEST_TURN && (!best || turn < best.turn - 1e-6 || (Math.abs(turn - best.turn) < 1e-6 && distance < best.distance))) {
      best = { ...link, turn, distance };
    }
  }
  return best;
}

function drawCursor(view, context) {
  if (view.cursor == null || !view.nodes?.get(view.cursor)) return;
  const node = view.network.body.nodes[view.cursor];
  if (!node) return;
  // Round the shape and its name together (a name hangs below its shape and may be wider).
  const label = node.labelModule.size, shape = node.shape;
  const box = {
    left: Math.min(node.x - shape.width / 2, label.left), right: Math.max(node.x + shape.width / 2, label.left + label.width),
    top: Math.min(node.y - shape.height / 2, label.top), bottom: Math.max(node.y + shape.height / 2, label.top + label.height),
  };
  const pad = 8;
  context.save();
  context.strokeStyle = CURSOR_COLOUR;
  context.lineWidth = 4 / Math.max(view.network.getScale(), 0.2);
  context.setLineDash([10, 6]);
  context.strokeRect(box.left - pad, box.top - pad, box.right - box.left + 2 * pad, box.bottom - box.top + 2 * pad);
  context.restore();
}
