// Progressive enhancement only: every page works without this file.

const isTyping = (element) =>
    element instanceof HTMLElement &&
    (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));

// "/" jumps to the page's search box (or the header's), as on many help sites.
document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(document.activeElement)) {
        return;
    }
    const box = document.querySelector("[data-search-shortcut]") ?? document.querySelector("#site-search-q");
    if (box) {
        event.preventDefault();
        box.focus();
        box.select();
    }
});

// Escape closes the phone menu and gives focus back to its button.
document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const menu = document.querySelector("details.menu[open]");
    if (menu) {
        menu.open = false;
        menu.querySelector("summary")?.focus();
    }
});
