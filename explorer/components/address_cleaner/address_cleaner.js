// The edit key leaves the address of the history entry the teacher link opened, in place
// (replaceState), so that neither the address bar nor the Back button brings it back. Everything
// else in the address stays as it was, for Streamlit to compare with the address it writes next.

function forget(param) {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(param)) return;
  url.searchParams.delete(param);
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
}

export default function addressCleaner({ data }) {
  forget(data.param);
}
