// A learner's token for one classroom map, kept in this browser's localStorage (never in the address,
// where copying the address bar would hand one's identity to a classmate). Python sends what to keep
// (`keep`) or that the token is to be forgotten (`forget`), and what it last heard from the browser
// (`held`); the component answers with what the browser holds for the map (state value `token`), only
// when that is news: each answer reruns the page.

export default function learnerMemory({ data, setStateValue }) {
  const key = `kg-learner:${data.map}`;
  let held = null;
  try {
    if (data.keep) window.localStorage.setItem(key, data.keep);
    else if (data.forget) window.localStorage.removeItem(key);
    held = window.localStorage.getItem(key);
  } catch {
    // Storage is off (a private window, a locked-down browser): the nickname lasts as long as the page.
  }
  if (held !== (data.held ?? null)) setStateValue("token", held);
}
