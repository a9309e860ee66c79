// llm-runner web UI: the little behaviour htmx does not give. No build step; plain script.
(function () {
  "use strict";

  // The server re-renders the model picker's options on every cluster change, but cannot know
  // what this page chose: keep the choice. If it became unavailable it stays chosen (and
  // disabled), so sending asks the user to choose: the page never picks another model.
  document.addEventListener("htmx:sseBeforeMessage", function (event) {
    var picker = event.target;
    if (picker && picker.tagName === "SELECT") {
      picker.dataset.chosen = picker.value;
    }
  });
  document.addEventListener("htmx:sseMessage", function (event) {
    var picker = event.target;
    if (picker && picker.tagName === "SELECT" && picker.dataset.chosen !== undefined) {
      picker.value = picker.dataset.chosen;
    }
    // Follow a streaming answer while the reader is at the bottom of the page.
    if (event.detail && event.detail.type === "token") {
      var nearBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 160;
      if (nearBottom) {
        window.scrollTo(0, document.body.scrollHeight);
      }
    }
  });

  // The dashboard says whether its live stream is connected, so a stale view is never
  // mistaken for a live one.
  function showLive(event, state, text) {
    var id = event.target && event.target.dataset ? event.target.dataset.liveTarget : null;
    var indicator = id ? document.getElementById(id) : null;
    if (indicator) {
      indicator.dataset.live = state;
      indicator.textContent = text;
    }
  }
  document.addEventListener("htmx:sseOpen", function (event) { showLive(event, "open", "live"); });
  document.addEventListener("htmx:sseError", function (event) { showLive(event, "broken", "reconnecting…"); });

  // Ctrl+Enter (or Cmd+Enter) sends the message.
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && field.tagName === "TEXTAREA" && field.form) {
      event.preventDefault();
      field.form.requestSubmit();
    }
  });
})();
