// Drag and drop of measures within their group, for the mouse. Progressive enhancement only:
// the Up and Down buttons beside each measure do the same by keyboard and without JavaScript.
// A drop submits the whole new order with the order version the page was drawn from; if someone
// else has reordered meanwhile the server refuses it with a message and nothing is lost.
const form = document.getElementById("ap-reorder-form");

function ownItems(list) {
  return Array.from(list.children).filter((el) => el.classList.contains("ap-measure"));
}

if (form) {
  let dragged = null;
  document.querySelectorAll("ol.ap-measures[data-reorder-url]").forEach((list) => {
    ownItems(list).forEach((item) => {
      item.setAttribute("draggable", "true");
      item.classList.add("ap-measure--draggable");
      item.addEventListener("dragstart", (event) => {
        event.stopPropagation();
        dragged = item;
        item.classList.add("ap-measure--dragging");
        event.dataTransfer.effectAllowed = "move";
      });
      item.addEventListener("dragend", () => item.classList.remove("ap-measure--dragging"));
      item.addEventListener("dragover", (event) => {
        if (dragged && dragged !== item && dragged.parentElement === list) {
          event.preventDefault();
          event.stopPropagation();
        }
      });
      item.addEventListener("drop", (event) => {
        if (!dragged || dragged.parentElement !== list || dragged === item) return;
        event.preventDefault();
        event.stopPropagation();
        const rect = item.getBoundingClientRect();
        const after = event.clientY > rect.top + rect.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
        form.action = list.dataset.reorderUrl;
        form.elements.order.value = ownItems(list).map((el) => el.dataset.id).join(",");
        form.elements.order_version.value = list.dataset.orderVersion;
        form.elements.parent.value = list.dataset.parent || "";
        form.submit();
      });
    });
  });
}
