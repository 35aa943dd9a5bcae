// The queue's "select all" box: checks or clears every ticket box on the page.
"use strict";
document.getElementById("select-all")?.addEventListener("change", (e) => {
  for (const box of document.querySelectorAll('#queue input[name="id"]')) box.checked = e.target.checked;
});
