"""The forms of a page as a browser sees them: where each posts and which fields it sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlField:
    name: str
    kind: str  # the input's type, or "select", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False
    multiple: bool = False


@dataclass
class HtmlForm:
    action: str
    method: str
    multipart: bool
    fields: list[HtmlField] = field(default_factory=list)

    def names(self) -> list[str]:
        return sorted({f.name for f in self.fields})


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: HtmlField | None = None
        self._option: str | None = None
        self._textarea: HtmlField | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            method = (a.get("hx-post") and "post") or (a.get("hx-get") and "get") or a.get("method")
            action = a.get("hx-post") or a.get("hx-get") or a.get("action") or ""
            self._form = HtmlForm(
                action=action,
                method=(method or "get").lower(),
                multipart=a.get("enctype", "") == "multipart/form-data",
            )
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._select.options.append(a.get("value", ""))
                if "selected" in a:
                    self._select.value = a.get("value", "")
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                kind = "submit"
            self._form.fields.append(
                HtmlField(a["name"], kind, a.get("value", ""), checked="checked" in a)
            )
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._form.fields.append(HtmlField(a["name"], "submit", a.get("value", "")))
        elif tag == "select":
            self._select = HtmlField(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = HtmlField(a["name"], "textarea")
            self._form.fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._select is not None and not self._select.value and self._select.options:
                self._select.value = self._select.options[0]
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data


def forms_of(html: str) -> list[HtmlForm]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms
