// The edit key leaves the address of the history entry the teacher link opened, in place
// (replaceState), so that neither the address bar nor the Back button brings it back. Everything
// else in the address stays as it was, for Streamlit to compare with the address it writes next.
//
// The page writes no address of its own while it waits for this (Streamlit pushes each address it
// writes as a new history entry, and this script loads later than that: the key's entry stayed one
// Back away). Once the key is out, a rerun is asked for, and that run writes the page's address.

function forget(param) {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(param)) return false;
  url.searchParams.delete(param);
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  return true;
}

export default function addressCleaner({ data, setTriggerValue }) {
  if (forget(data.param) || data.waiting) setTriggerValue("forgotten", true);
}
