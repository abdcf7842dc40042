"""What a browser would submit from a page's form, read from the HTML (html.parser only).

Follows the HTML form-submission rules the questionnaire relies on: checked checkboxes and
radios ("on" without a value), the selected options of a select (a single select with none
selected sends its first option), textareas without the newline right after the tag,
nothing from disabled controls or from <template> contents, and the pressed button's
name/value.
"""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # [(form attributes, [(name, value), ...]), ...]
        self._fields = None
        self._template_depth = 0
        self._select = None  # (name, multiple, [(value, selected)])
        self._option = None  # [value or None, text, selected]
        self._textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._template_depth += 1
            return
        if self._template_depth:
            return
        if tag == "form":
            self._fields = []
            self.forms.append((attrs, self._fields))
            return
        if self._fields is None or "disabled" in attrs:
            if tag == "option" and self._select is not None:
                self._option = None
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._fields.append((name, attrs.get("value") or "on"))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs, [])
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self._template_depth -= 1
            return
        if self._template_depth:
            return
        if tag == "option" and self._option is not None:
            value, text, selected = self._option
            self._select[2].append((text.strip() if value is None else value, selected))
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not multiple:
                chosen = chosen[-1:] or [value for value, _selected in options[:1]]
            self._fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._fields = None


def form_fields(html, css_class=None, containing=None):
    """[(name, value), ...] of the first form with that class or a control of that name."""
    parser = _FormParser()
    parser.feed(html)
    for attrs, fields in parser.forms:
        if css_class and css_class in (attrs.get("class") or "").split():
            return fields
        if containing and any(name == containing for name, _value in fields):
            return fields
    raise AssertionError(f"no form of class {css_class!r} or with a field {containing!r}")


def as_post_data(fields, **pressed):
    """The fields as Django test-client POST data (repeated names become lists)."""
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, value in pressed.items():
        data[name] = [value]
    return data
