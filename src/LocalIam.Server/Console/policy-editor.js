// The policy editor's live diagnostics. The page works without this script (the server checks the
// document when it is saved); with it, the document is sent as you type to the same validator the
// server uses, and its answer ([{line, column, message}]) is listed under the editor.
"use strict";

(function () {
  const delay = 400;

  for (const editor of document.querySelectorAll("textarea[data-validate-url]")) {
    const form = editor.form;
    const list = document.getElementById(editor.dataset.diagnostics);
    if (!form || !list) {
      continue;
    }

    let timer = 0;
    let sent = 0;
    const check = async () => {
      const ticket = ++sent;
      const token = form.querySelector("input[name=__RequestVerificationToken]");
      const body = new URLSearchParams();
      body.set("document", editor.value);
      if (token) {
        body.set("__RequestVerificationToken", token.value);
      }

      let items;
      try {
        const response = await fetch(editor.dataset.validateUrl, { method: "POST", body, credentials: "same-origin" });
        items = response.ok ? await response.json() : [{ line: 0, column: 0, message: "Diagnostics are unavailable: HTTP " + response.status }];
      } catch (error) {
        items = [{ line: 0, column: 0, message: "Diagnostics are unavailable: " + error }];
      }

      if (ticket === sent) {
        show(list, items);
      }
    };

    editor.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(check, delay);
    });
    check();
  }

  function show(list, items) {
    list.replaceChildren();
    if (items.length === 0) {
      const ok = document.createElement("li");
      ok.className = "diagnostic ok";
      ok.textContent = "No errors";
      list.append(ok);
      return;
    }

    for (const item of items) {
      const entry = document.createElement("li");
      entry.className = "diagnostic " + (item.severity || "error");
      const where = item.line > 0 ? "Line " + item.line + ", Column " + item.column + ": " : "";
      entry.textContent = where + item.message;
      if (item.help) {
        const help = document.createElement("span");
        help.className = "help";
        help.textContent = " (" + item.help + ")";
        entry.append(help);
      }

      list.append(entry);
    }
  }
})();
