"""Keyboard focus is visible everywhere, filters keep the visitor's place, and phones get
pages that fit: read from the computed styles and layout of a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The focused element's indicator (outline, else box-shadow) colour and the colour behind
# it (the first ancestor with an opaque background; the page is white), as RGB lists.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const style = getComputedStyle(el);
  let background = [255, 255, 255];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const color = rgb(getComputedStyle(node).backgroundColor);
    if (color.length === 3 || (color.length === 4 && color[3] === 1)) {
      background = color.slice(0, 3);
      break;
    }
  }
  return {
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    classes: el.className || "",
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outline: rgb(style.outlineColor).slice(0, 3),
    background: background,
  };
}"""


def _luminance(rgb):
    def channel(value):
        value = value / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _kind(style):
    if style["tag"] == "a" and "nav-link" in style["classes"]:
        return "nav link"
    if style["tag"] == "input":
        return {"checkbox": "checkbox", "search": "text field"}.get(style["type"])
    if style["tag"] == "select":
        return "select"
    if style["tag"] == "button":
        return "button"
    return None


def test_keyboard_focus_indicator_has_3_to_1_contrast_everywhere(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/directory/")
    wanted = {"nav link", "text field", "select", "button", "checkbox"}
    seen = {}
    for _press in range(80):
        page.keyboard.press("Tab")
        style = page.evaluate(FOCUS_STYLE)
        kind = _kind(style)
        if kind in wanted and kind not in seen:
            seen[kind] = style
        if set(seen) == wanted:
            break
    assert set(seen) == wanted, f"never reached by Tab: {wanted - set(seen)}"
    for kind, style in seen.items():
        assert style["outlineStyle"] != "none", kind
        assert style["outlineWidth"] >= 2, kind
        ratio = contrast(style["outline"], style["background"])
        assert ratio >= 3, f"{kind}: focus outline contrast {ratio:.2f}:1"


def test_a_filter_keeps_focus_on_the_checkbox_used(page, site, console_messages):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/directory/")
    page.locator("#facet-cluster").get_by_label(re.compile(r"^CLM \(\d+\)$")).check()
    expect(page).to_have_url(re.compile(r"cluster=clm"))
    expect(page.locator("#f-cluster-clm")).to_be_focused()
    page.locator("#id_sort").select_option("updated")
    expect(page).to_have_url(re.compile(r"sort=updated"))
    expect(page.locator("#id_sort")).to_be_focused()
    assert console_messages == []


def test_phone_directory_shows_the_first_result_within_one_screen(page, site, console_messages):
    page.set_viewport_size(PHONE)
    page.goto(site + "/directory/")
    first = page.locator(".company-results > li").first
    assert first.bounding_box()["y"] < PHONE["height"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    # The filters are one tap away, and a filter used there is open again after reload.
    toggle = page.locator(".filters-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#facet-cluster")).to_be_hidden()
    toggle.click()
    page.locator("#facet-cluster").get_by_label(re.compile(r"^CLM \(\d+\)$")).check()
    expect(page).to_have_url(re.compile(r"cluster=clm"))
    expect(page.locator("#f-cluster-clm")).to_be_focused()
    assert console_messages == []


def test_phone_event_page_materials_fit_the_screen(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/events/c2future-final-event/")
    table = page.locator(".materials-table")
    expect(table).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    access = table.locator("thead th").nth(3)
    box = access.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]


def test_phone_skills_map_keeps_the_competency_column_in_view(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/skills-map/")
    row_header = page.get_by_role("rowheader", name="EV charging infrastructure")
    assert row_header.evaluate("el => getComputedStyle(el).position") == "sticky"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    x_before = row_header.bounding_box()["x"]
    page.locator(".matrix-scroll").evaluate("el => { el.scrollLeft = 400; }")
    assert abs(row_header.bounding_box()["x"] - x_before) < 1
