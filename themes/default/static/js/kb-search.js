// Search as you type: every site search box (a `q` field of a form sent to
// /search) becomes an ARIA 1.2 combobox whose listbox shows the article
// titles /kb/suggest proposes while typing. Progressive enhancement only:
// without this file the boxes are plain search forms.
//
// Keys: Down/Up move through the suggestions (Down opens them), Enter opens
// the chosen article (or searches when none is chosen), Escape closes the
// list, then clears the box. Requests wait for a 120 ms pause in typing and
// a new one cancels the one in flight; the number of suggestions is read
// out through a polite live region.

const DEBOUNCE_MS = 120;
const MIN_CHARACTERS = 2;

// The page's own messages (pages/kb/assets.tpl) when present, else these.
const BUILT_IN = {
    en: {
        label: "Suggested articles",
        none: "No suggestion",
        one: "1 suggestion",
        other: "{count} suggestions",
        hint: "Use the up and down arrows to choose a suggestion, Enter to open it.",
    },
    fr: {
        label: "Articles suggérés",
        none: "Aucune suggestion",
        one: "1 suggestion",
        other: "{count} suggestions",
        hint: "Utilisez les flèches haut et bas pour choisir une suggestion, Entrée pour l’ouvrir.",
    },
};

const pageLanguage = () => (document.documentElement.lang || "en").toLowerCase();

function messages() {
    const lang = pageLanguage();
    const base = BUILT_IN[lang] ?? BUILT_IN[lang.split("-")[0]] ?? BUILT_IN.en;
    const own = document.getElementById("kb-suggest-messages")?.dataset ?? {};
    return { ...base, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v)) };
}

function countText(text, count) {
    if (count === 0) return text.none;
    const rule = new Intl.PluralRules(pageLanguage()).select(count);
    return (rule === "one" && count === 1 ? text.one : text.other).replace("{count}", String(count));
}

let instances = 0;

function enhance(input) {
    if (input.dataset.kbCombobox) return;
    input.dataset.kbCombobox = "on";
    const id = `kb-suggest-${++instances}`;
    const text = messages();
    const host = input.parentElement;
    host.classList.add("kb-combobox");

    const listbox = document.createElement("ul");
    listbox.id = `${id}-list`;
    listbox.className = "kb-suggest";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", text.label);
    listbox.hidden = true;

    const hint = document.createElement("span");
    hint.id = `${id}-hint`;
    hint.className = "visually-hidden";
    hint.textContent = text.hint;

    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    host.append(listbox, hint, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");
    const describedBy = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", describedBy ? `${describedBy} ${hint.id}` : hint.id);

    let results = [];
    let active = -1;
    let timer = 0;
    let controller = null;
    let lastQuery = "";

    const setActive = (index) => {
        active = index;
        for (const [i, option] of [...listbox.children].entries()) {
            option.setAttribute("aria-selected", String(i === index));
            if (i === index) option.scrollIntoView({ block: "nearest" });
        }
        if (index >= 0) input.setAttribute("aria-activedescendant", `${id}-option-${index}`);
        else input.removeAttribute("aria-activedescendant");
    };

    const close = () => {
        listbox.hidden = true;
        input.setAttribute("aria-expanded", "false");
        setActive(-1);
    };

    const open = () => {
        if (results.length === 0) return;
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
    };

    // The pick is recorded with the typed text and how many titles were
    // offered (search analytics: what people look for, what they open).
    const go = (index) => {
        const target = results[index];
        if (!target) return;
        const url = new URL(target.url, window.location.origin);
        url.searchParams.set("sq", lastQuery);
        url.searchParams.set("sn", String(results.length));
        window.location.assign(url.pathname + url.search);
    };

    const show = (found) => {
        results = found;
        listbox.replaceChildren(
            ...found.map((item, i) => {
                const option = document.createElement("li");
                option.id = `${id}-option-${i}`;
                option.className = "kb-suggest__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                if (item.language && item.language !== pageLanguage()) option.lang = item.language;
                option.textContent = item.title;
                // Keep the focus in the box: the click decides.
                option.addEventListener("pointerdown", (event) => event.preventDefault());
                option.addEventListener("click", () => go(i));
                return option;
            }),
        );
        setActive(-1);
        status.textContent = countText(text, found.length);
        if (found.length > 0 && document.activeElement === input) open();
        else close();
    };

    const fetchSuggestions = async (query) => {
        controller?.abort();
        controller = new AbortController();
        const url = `/kb/suggest?q=${encodeURIComponent(query)}&lang=${encodeURIComponent(pageLanguage())}`;
        try {
            const response = await fetch(url, {
                headers: { Accept: "application/json" },
                credentials: "same-origin",
                signal: controller.signal,
            });
            if (!response.ok) return;
            const body = await response.json();
            if (query !== lastQuery) return; // typed on meanwhile
            show(Array.isArray(body.results) ? body.results : []);
        } catch (error) {
            if (error.name !== "AbortError") close();
        }
    };

    input.addEventListener("input", () => {
        clearTimeout(timer);
        const query = input.value.trim();
        lastQuery = query;
        if ([...query].length < MIN_CHARACTERS) {
            controller?.abort();
            results = [];
            listbox.replaceChildren();
            status.textContent = "";
            close();
            return;
        }
        timer = setTimeout(() => fetchSuggestions(query), DEBOUNCE_MS);
    });

    input.addEventListener("keydown", (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        switch (event.key) {
            case "ArrowDown":
                if (results.length === 0) return;
                event.preventDefault();
                open();
                setActive(active + 1 < results.length ? active + 1 : 0);
                break;
            case "ArrowUp":
                if (results.length === 0) return;
                event.preventDefault();
                open();
                setActive(active > 0 ? active - 1 : results.length - 1);
                break;
            case "Enter":
                if (!listbox.hidden && active >= 0) {
                    event.preventDefault();
                    go(active);
                }
                break;
            case "Escape":
                if (!listbox.hidden) {
                    event.preventDefault();
                    event.stopPropagation();
                    close();
                } else if (input.value) {
                    event.preventDefault();
                    input.value = "";
                    lastQuery = "";
                    results = [];
                    listbox.replaceChildren();
                }
                break;
            default:
                break;
        }
    });

    input.addEventListener("focus", open);
    input.addEventListener("blur", () => close());
}

function enhanceAll() {
    for (const input of document.querySelectorAll('form[action="/search"] input[name="q"]')) enhance(input);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
else enhanceAll();
