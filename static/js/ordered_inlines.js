// Stacked inlines with a position field (an article's sections and
// references): each row gets "Move up", "Move down" and "Collapse" buttons,
// and the positions are numbered 1, 2, 3… in the order shown, so nobody types
// them. The server numbers them the same way (conditions/admin.py,
// PositionedFormSet), with or without this script.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const rowsOf = function (group) {
    return Array.from(group.querySelectorAll(".inline-related:not(.empty-form)"));
  };
  const renumber = function (group) {
    rowsOf(group).forEach(function (row, index) {
      const position = row.querySelector("input[name$='-position']");
      if (position) {
        position.value = String(index + 1);
      }
    });
  };
  const button = function (label, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button inline-order";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  };
  const equip = function (group, row) {
    const title = row.querySelector("h3");
    if (!title || row.querySelector(".inline-order")) {
      return;
    }
    row.classList.add("ordered");
    const tools = document.createElement("span");
    tools.className = "inline-order-tools";
    tools.append(
      button("Move up", function () {
        const before = row.previousElementSibling;
        if (before && before.matches(".inline-related:not(.empty-form)")) {
          group.insertBefore(row, before);
          renumber(group);
          row.querySelector(".inline-order").focus();
        }
      }),
      button("Move down", function () {
        const after = row.nextElementSibling;
        if (after && after.matches(".inline-related:not(.empty-form)")) {
          group.insertBefore(after, row);
          renumber(group);
          row.querySelectorAll(".inline-order")[1].focus();
        }
      })
    );
    const fold = button("Collapse", function () {
      const collapsed = row.classList.toggle("collapsed-row");
      fold.textContent = collapsed ? "Expand" : "Collapse";
      fold.setAttribute("aria-expanded", String(!collapsed));
    });
    fold.setAttribute("aria-expanded", "true");
    tools.append(fold);
    title.append(tools);
  };
  document.querySelectorAll(".inline-group").forEach(function (group) {
    if (!group.querySelector("input[name$='-position']")) {
      return;
    }
    const holder = rowsOf(group)[0] ? rowsOf(group)[0].parentElement : group;
    group.classList.add("positions-automatic");
    rowsOf(group).forEach(function (row) { equip(holder, row); });
    renumber(holder);
  });
  document.addEventListener("formset:added", function (event) {
    const row = event.target;
    const group = row.closest(".inline-group");
    if (group && group.classList.contains("positions-automatic")) {
      equip(row.parentElement, row);
      renumber(row.parentElement);
    }
  });
});
