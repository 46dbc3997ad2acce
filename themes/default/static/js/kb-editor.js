// The article editor's live preview: while the author types, the Markdown is
// sent to the server (POST /admin/kb/preview, the same rendering as the
// "Preview" button, which keeps working without this file) and the returned
// fragment replaces the preview. The fragment is the server's safe HTML:
// raw HTML typed in the Markdown arrives escaped.
//
// Also: a click on an attachment's Markdown snippet inserts it at the cursor.

const DEBOUNCE_MS = 400;

function setUp(form) {
    const body = form.querySelector("[data-kb-body]");
    const preview = document.querySelector("[data-kb-preview]");
    const token = form.querySelector('input[name="csrf_token"]')?.value;
    if (!body || !preview || !token) return;
    const hint = document.querySelector("[data-kb-preview-hint]");
    const language = preview.dataset.previewLanguage ?? "";
    const articleId = preview.dataset.articleId ?? "";

    let timer = 0;
    let controller = null;
    let lastSent = null;

    async function refresh() {
        const text = body.value;
        if (text === lastSent) return;
        lastSent = text;
        controller?.abort();
        controller = new AbortController();
        const form = new URLSearchParams({ csrf_token: token, body: text, language, article_id: articleId });
        try {
            const response = await fetch("/admin/kb/preview", {
                method: "POST",
                body: form,
                credentials: "same-origin",
                headers: { "X-CSRF-Token": token },
                signal: controller.signal,
            });
            if (!response.ok) return; // keep the last good preview; the Preview button still works
            preview.innerHTML = await response.text();
            preview.setAttribute("aria-busy", "false");
            hint?.remove();
        } catch (error) {
            if (error.name !== "AbortError") lastSent = null; // try again on the next keystroke
        }
    }

    body.addEventListener("input", () => {
        window.clearTimeout(timer);
        preview.setAttribute("aria-busy", "true");
        timer = window.setTimeout(refresh, DEBOUNCE_MS);
    });

    for (const snippet of document.querySelectorAll("[data-kb-snippet]")) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button button--link";
        button.textContent = form.dataset.insertLabel ?? "Insert";
        button.addEventListener("click", () => {
            const text = snippet.textContent ?? "";
            const start = body.selectionStart ?? body.value.length;
            const end = body.selectionEnd ?? start;
            body.setRangeText(text, start, end, "end");
            body.focus();
            body.dispatchEvent(new Event("input"));
        });
        snippet.after(" ", button);
    }
}

for (const form of document.querySelectorAll("form[data-kb-editor]")) setUp(form);
