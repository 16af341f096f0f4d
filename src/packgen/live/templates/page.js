// Reload the page when a build has finished; say so while one runs (server-sent events).
"use strict";
(() => {
  const body = document.body;
  const query = `since=${body.dataset.generation}&building=${body.dataset.building}`;
  const events = new EventSource(`/events?${query}`);
  events.addEventListener("reload", () => {
    events.close();
    window.location.reload();
  });
  events.addEventListener("building", () => body.classList.add("building"));
})();
