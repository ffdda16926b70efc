// After a move (another concept, a quiz answer checked): keyboard focus, which Streamlit drops on
// the page body when the button pressed is gone, lands on what comes next — the new concept's
// heading (its first link one Tab away), or the feedback on the answer just checked; so does focus
// on a button of the pane itself (Back stays where it is). Focus the learner placed elsewhere (the
// search box, a tab, the picture and its buttons) is left alone.

const SETTLE_MS = 3000;
const lastMoves = new Map(); // pane -> the move last seen there

function scriptDone() {
  const app = document.querySelector('[data-testid="stApp"]');
  return !app || app.dataset.testScriptState !== "running";
}

// Lost: on the page body, gone, or on what Streamlit still shows of the last run but no longer has
// (it marks such elements stale and may keep one a while, as a checked quiz form's button).
function lost() {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected || active.closest("[data-stale=true]") !== null;
}

function land(pane, target, top) {
  if (top) pane.scrollTop = 0;
  const element = pane.querySelector(target);
  if (!element) return;
  if (!top) element.scrollIntoView({ block: "nearest" });
  // A move made from inside the pane (a link, Back, the trail) also brings focus along: the button
  // pressed may still be there, but it belongs to where the learner was.
  if (!lost() && !pane.contains(document.activeElement)) return;
  if (element.tabIndex < 0 || !element.hasAttribute("tabindex")) element.tabIndex = -1;
  element.focus({ preventScroll: true });
}

export default function focusKeeper({ data }) {
  const { move, pane, target, top } = data;
  const first = !lastMoves.has(pane);
  if (!first && lastMoves.get(pane) === move) return;
  lastMoves.set(pane, move);
  if (first) return; // a page just opened: nothing was moved, and focus starts at the top as usual
  const started = Date.now();
  const tick = () => {
    const element = document.querySelector(`.st-key-${pane}`);
    if (element && scriptDone()) land(element, target, top);
    else if (Date.now() - started < SETTLE_MS) setTimeout(tick, 50);
  };
  setTimeout(tick, 0);
}
