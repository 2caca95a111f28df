// The page's live-event stream (htmx SSE extension) is closed when the page is left: a page the browser keeps in its
// back/forward cache would otherwise hold one of the few connections a browser opens to one server over HTTP/1.1,
// and after a handful of pages the next click waits. A page shown again from that cache is loaded afresh.
addEventListener('pagehide', function () {
  var source = (document.body['htmx-internal-data'] || {}).sseEventSource;
  if (source) {
    source.close();
  }
});
addEventListener('pageshow', function (e) {
  if (e.persisted) {
    location.reload();
  }
});
