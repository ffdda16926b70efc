// After a move to another concept: the details pane starts at its top, and keyboard focus, which
// Streamlit drops on the page body when the button pressed is gone, lands on the new concept's
// heading (from there the first link is two Tab presses away). Focus the learner placed
// elsewhere (the search box, a tab, the picture's buttons) is left alone.

const SETTLE_MS = 3000;
let lastMove = null;

function scriptDone() {
  const app = document.querySelector('[data-testid="stApp"]');
  return !app || app.dataset.testScriptState !== "running";
}

function lost() {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

function land(pane) {
  pane.scrollTop = 0;
  if (!lost()) return;
  const heading = pane.querySelector("h2");
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

export default function focusKeeper({ data }) {
  const { move, pane } = data;
  if (move === lastMove) return;
  const first = lastMove === null;
  lastMove = move;
  if (first) return; // a page just opened: nothing was moved, and focus starts at the top as usual
  const started = Date.now();
  const tick = () => {
    const element = document.querySelector(`.st-key-${pane}`);
    if (element && scriptDone()) land(element);
    else if (Date.now() - started < SETTLE_MS) setTimeout(tick, 50);
  };
  setTimeout(tick, 0);
}
