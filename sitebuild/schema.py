"""The data files' schema, declared once: what data/facts.yml, data/checker.yml and
data/local.yml may hold, as pydantic models. The build validates each file against its model
(facts.py, checker.py, kit.py), `make review` reads the facts through the same loader, and
README's lists of fields are written from these models (`python scripts/data_fields.py`; a test
keeps README in step).

Every model is strict (a number is not text, `yes` is not a number, `value: "18"` is not 18)
and closed (an unknown key is a mistake, usually a typo). Text is Markdown, never HTML: a tag,
a comment or an autolink in a data file stops the build (README, "Editing safely", says why).
A pydantic error becomes one line, `file:line key: what is wrong` (errors_to_lines).

Adding a field: add it to the model with a description, run
`python scripts/data_fields.py --write`, and use it.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from html.parser import HTMLParser
from typing import Annotated, Any, Literal, Optional, Union, get_args, get_origin

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator,
                      Field, Tag, ValidationError, create_model, model_validator)
from pydantic_core import PydanticCustomError

from sitebuild.datafile import Document

# --- text ----------------------------------------------------------------------------------------


class _Markup(HTMLParser):
    """The first piece of HTML in a text, as written: a tag, a comment, a declaration."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: str | None = None
        self.feed(text)
        self.close()

    def _see(self, what):
        self.found = self.found or what

    def handle_starttag(self, tag, attrs):
        self._see(self.get_starttag_text())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._see(f"</{tag}>")

    def handle_comment(self, data):
        self._see(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._see(f"<!{decl}>")

    def handle_pi(self, data):
        self._see(f"<?{data}>")

    unknown_decl = handle_decl


def html_in(text: str) -> str | None:
    """The first HTML tag, comment or declaration in `text` (found by an HTML parser, as a
    browser would find it), or None."""
    return _Markup(text).found if "<" in text else None


# A Markdown link in a data file's text: [words](target). The target must be a page of the site,
# or the address of a url fact, [words]({{ url:key }}) (facts.yml checks that it is https).
_MD_LINK = re.compile(r"\]\(\s*<?(\{\{[^}]*\}\}|[^)\s>]*)")
PAGE_LINK = re.compile(r"[a-z0-9][a-z0-9/_-]*\.md(#[A-Za-z0-9_:.-]+)?")
FACT_LINK = re.compile(r"\{\{ url:[a-z0-9_]+(?:\.[a-z0-9_]+)+ \}\}")


def _err(text: str) -> PydanticCustomError:
    """A message of ours; `{got}` in it becomes the value as written (errors_to_lines)."""
    return PydanticCustomError("ns", "{text}", {"text": text})


def _words(value: str) -> str:
    if not value.strip():
        raise _err("is empty: write the text, or remove the key")
    found = html_in(value)
    if found:
        raise _err(f"HTML is not allowed in data files ({found[:60]}): write plain text or "
                   "Markdown (**bold**, [words](page.md)); addresses come from data/facts.yml")
    for target in _MD_LINK.findall(value):
        if not PAGE_LINK.fullmatch(target) and not FACT_LINK.fullmatch(target):
            raise _err(f"a link here goes to a page of the site, like [words](demande.md) or "
                       f"[words](demande.md#who), not ({target[:60]}): other addresses come "
                       "from data/facts.yml, written {{ link:key }} or [words]({{ url:key }})")
    return value


def _https(value: str) -> str:
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?", value):
        raise _err("expected a full https:// address, like https://www.quebec.ca/page, got {got}")
    return value


def _quoted_digits(value):
    if isinstance(value, int) and not isinstance(value, bool):
        raise _err('expected digits in quotes ("18006686868"): without them YAML reads a '
                   "number and drops any leading 0, got {got}")
    return value


def _digits(value: str) -> str:
    if not re.fullmatch(r"\d{3,11}", value):
        raise _err('expected digits only, in quotes, as dialled in Quebec ("18006686868"), '
                   "got {got}")
    return value


def _whole(value: int) -> int:
    if value < 0:
        raise _err("expected a whole number, 0 or more, got {got}")
    return value


QUOTE_MAX = 300     # characters: a sentence, a table cell, a number in context


def _quoted(value: str) -> str:
    """A source's own words: plain text, short, never HTML (it is shown, if ever, as a quotation,
    escaped; the watch compares it with the page's text)."""
    if not value.strip():
        raise _err("is empty: copy the words from the source's page, or write no_quote: and why")
    found = html_in(value)
    if found:
        raise _err(f"HTML is not allowed in a quote ({found[:60]}): copy the words as the page "
                   "shows them, without their markup")
    if len(value) > QUOTE_MAX:
        raise _err(f"is {len(value)} characters: a quote is short (at most {QUOTE_MAX}): keep the "
                   "sentence, table cell or number that says the fact")
    return value


Text = Annotated[str, AfterValidator(_words)]
QuoteText = Annotated[str, AfterValidator(_quoted)]
HttpsUrl = Annotated[str, AfterValidator(_https)]
Digits = Annotated[str, BeforeValidator(_quoted_digits), AfterValidator(_digits)]
Whole = Annotated[int, AfterValidator(_whole)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
FactKey = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]


class Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class Bilingual(Model):
    """A text in both languages."""
    fr: Text = Field(description="the text in French")
    en: Text = Field(description="the text in English")


# --- data/facts.yml ----------------------------------------------------------------------------

FACT_TYPES = {
    # type: (what `value`, `fr` and `en` hold, its description)
    "date": (_dt.date, "a date, YYYY-MM-DD (unquoted)"),
    "money": (Whole, "whole dollars"),
    "number": (Whole, "a whole number"),
    "months": (Whole, "a number of months"),
    "years": (Whole, "a number of years"),
    "phone": (Digits, 'digits as dialled in Quebec, in quotes ("18006686868")'),
    "shortcode": (Digits, 'digits, in quotes ("686868")'),
    "url": (HttpsUrl, "an https:// address: the page itself"),
    "text": (Text, "words that slot into a page's sentence (Markdown)"),
}


class Source(Model):
    """An entry under `sources:`: a page that says one or more facts."""
    fr: Text = Field(description="its title in French")
    en: Text = Field(description="its title in English")
    url: Optional[HttpsUrl] = Field(None, description="the https:// address of the page that "
                                    "says it (or url_fr and url_en)")
    url_fr: Optional[HttpsUrl] = Field(None, description="the French page, when they differ")
    url_en: Optional[HttpsUrl] = Field(None, description="the English page, when they differ")
    kind: Literal["primary", "secondary"] = Field(
        description="primary: the law, a court, a government, Parliament, or a service about "
                    "itself; secondary: everything else")
    by: Optional[Bilingual] = Field(None, description="who says it, for \"Selon ...\" / "
                                    "\"According to ...\" ({{ by:key }})")
    lands_on: Optional[HttpsUrl] = Field(None, description="where its address leads when it is "
                                         "a short one that redirects (Quebec.ca/imagesintimes): "
                                         "`make watch` then doesn't report that redirect as a "
                                         "move")

    @model_validator(mode="after")
    def _addresses(self):
        if not (self.url or (self.url_fr and self.url_en)):
            raise _err("needs 'url' (or 'url_fr' and 'url_en'): the page that says it")
        return self


class Quote(Model):
    """What one source says, in its own words, or why nothing can be quoted from it."""
    fr: Optional[QuoteText] = Field(None, description="the words on the source's French page "
                                    "that say the fact, copied exactly (a sentence, a table "
                                    f"cell, a number in context; at most {QUOTE_MAX} "
                                    "characters)")
    en: Optional[QuoteText] = Field(None, description="the same, from its English page (a "
                                    "source with one page: the language of that page)")
    no_quote: Optional[Text] = Field(None, description="instead of fr/en: why no words can be "
                                     "quoted (no readable copy of the page, a number shown only "
                                     "in a picture...); the watch then checks only that the "
                                     "page answers")

    @model_validator(mode="after")
    def _words_or_reason(self):
        words = self.fr is not None or self.en is not None
        if words and self.no_quote is not None:
            raise _err("give the source's words (fr: or en:) or no_quote: (why there are none), "
                       "not both")
        if not words and self.no_quote is None:
            raise _err("give the source's words as fr: or en: (the language of the page that "
                       "says them), or no_quote: and why none can be quoted")
        return self


class _Fact(Model):
    status: Literal["sure", "likely"] = Field(
        description="sure: a primary source says it; likely: secondary sources only, or "
                    "sources that disagree (pages then say who says it)")
    source: list[Id] = Field(min_length=1, description="ids from `sources:`")
    checked: _dt.date = Field(description="the day someone checked it against its sources, "
                              "YYYY-MM-DD")
    quotes: dict[Id, Quote] = Field(description="for each id in `source`, what that source "
                                    "says: its own words (`make watch` looks for them on its "
                                    "page every week), or no_quote: why there are none")

    @model_validator(mode="after")
    def _one_value(self):
        if (self.value is None) == (self.fr is None or self.en is None) or \
                (self.value is not None and (self.fr is not None or self.en is not None)):
            raise _err("give either 'value' (the same in both languages) or both 'fr' and 'en'")
        return self


def _fact_model(kind: str, value_type, what: str):
    fields = {
        "type": (Literal[kind], Field(description=f"what the fact is: {', '.join(FACT_TYPES)}")),
        "value": (Optional[value_type], Field(None, description="the fact, the same in both "
                                              "languages (what it holds: see the types below)")),
        "fr": (Optional[value_type], Field(None, description="the fact in French (with 'en')")),
        "en": (Optional[value_type], Field(None, description="the fact in English (with 'fr')")),
    }
    if kind == "url":
        fields["display"] = (Optional[Text], Field(None, description="the address as pages "
                                                   "show it (default: without https://)"))
    return create_model(f"{kind.title()}Fact", __base__=_Fact, **fields)


FACT_MODELS = {kind: _fact_model(kind, vtype, what) for kind, (vtype, what) in FACT_TYPES.items()}
# pydantic puts the chosen model's tag in error locations ("number fact"); errors_to_lines drops it.
_TAG = " fact"


def _fact_type(value):
    kind = value.get("type") if isinstance(value, dict) else None
    return kind + _TAG if kind in FACT_TYPES else None


Fact = Annotated[
    Union[tuple(Annotated[model, Tag(kind + _TAG)] for kind, model in FACT_MODELS.items())],
    Discriminator(_fact_type, custom_error_type="fact_type", custom_error_message="fact type")]


class FactsFile(Model):
    """data/facts.yml"""
    sources: dict[Id, Source] = Field(description="every page the facts come from, by id")
    facts: dict[FactKey, Fact] = Field(description="every fact, by its dotted key "
                                       "(fines.person_min)")


# --- data/checker.yml --------------------------------------------------------------------------

UI_KEYS = ("privacy", "nojs_hint", "nojs_history", "progress", "result", "back", "restart", "restart_link",
           "print", "print_title", "print_note", "print_site", "actions_label", "steps_heading",
           "more_hint", "tell_heading", "tell_source", "explain_heading", "order_heading",
           "remove_heading", "report_heading", "school_heading", "prepare_heading",
           "call_heading", "legal", "diagram_start", "diagram_see", "diagram_offers",
           "diagram_tell")
# The parts of an outcome, in the order a result shows them (checker.py).
PARTS = ("steps", "tell", "explain", "order", "remove", "report", "school", "prepare", "call")

UI = create_model("UI", __base__=Model, __doc__="Labels of the page around the questions.",
                  **{key: (Bilingual, Field(description="a label, fr and en")) for key in UI_KEYS})


class Choice(Model):
    """One answer to a question."""
    id: Id = Field(description="language-neutral id, unique in its question (c_14_17)")
    fr: Text = Field(description="the answer in French")
    en: Text = Field(description="the answer in English")
    next: Id = Field(description="the id of the next question or of an outcome")


class Question(Model):
    title: Bilingual = Field(description="the question")
    hint: Optional[Bilingual] = Field(None, description="a line under the question")
    choices: list[Choice] = Field(min_length=1, description="the answers, in order")


class Outcome(Model):
    """A result: what shows first, then parts folded in <details>."""
    title: Bilingual = Field(description="one plain sentence that answers the reader")
    summary: Bilingual = Field(description="a line or two; says once where a likely fact comes "
                               "from")
    actions: list[Id] = Field(min_length=1, description="buttons, ids from `actions:` (the "
                              "first is the main one)")
    steps: list[Id] = Field(min_length=1, description="a few short steps, ids from `blocks:`")
    tell: Optional[list[Id]] = Field(None, description="what the person in the image can do, "
                                     "worded to pass on (t_ blocks only)")
    explain: Optional[list[Id]] = Field(None, description="folded: what the law covers")
    order: Optional[list[Id]] = Field(None, description="folded: what the judge can order")
    remove: Optional[list[Id]] = Field(None, description="folded: taking the image down")
    report: Optional[list[Id]] = Field(None, description="folded: reporting it")
    school: Optional[list[Id]] = Field(None, description="folded: what school staff may have "
                                       "to tell the DPJ")
    prepare: Optional[list[Id]] = Field(None, description="folded: what to prepare")
    call: Optional[list[Id]] = Field(None, description="folded: every help line")


class Block(Model):
    """A piece of text used by outcomes."""
    remedy: list[Id] = Field(min_length=1, description="what it offers, tags from `remedies:`")
    fr: Text = Field(description="the text in French (Markdown)")
    en: Text = Field(description="the text in English (Markdown)")


class Action(Model):
    """A button of a result: a link, a number to call or to text."""
    remedy: list[Id] = Field(min_length=1, description="what it offers, tags from `remedies:`")
    fr: Text = Field(description="its label in French")
    en: Text = Field(description="its label in English")
    href: Optional[FactKey] = Field(None, description="a url fact to link to")
    tel: Optional[FactKey] = Field(None, description="a phone fact to call")
    sms: Optional[FactKey] = Field(None, description="a phone or shortcode fact to text")

    @model_validator(mode="after")
    def _one_target(self):
        if sum(x is not None for x in (self.href, self.tel, self.sms)) != 1:
            raise _err("needs exactly one of 'href' (a url fact), 'tel' or 'sms' (a phone fact)")
        return self


class FlowFile(Model):
    """data/checker.yml"""
    start: Id = Field(description="the first question")
    ui: UI = Field(description="labels of the page around the questions")
    texts: dict[str, Any] = Field(default_factory=dict, description="texts written once, "
                                  "used through YAML anchors (&name) and aliases (*name)")
    lists: dict[str, list[Id]] = Field(default_factory=dict, description="lists written once, "
                                       "used through anchors and aliases")
    questions: dict[Id, Question] = Field(description="the questions, by id")
    actions: dict[Id, Action] = Field(default_factory=dict, description="the buttons, by id")
    blocks: dict[Id, Block] = Field(description="the texts of results, by id")
    outcomes: dict[Id, Outcome] = Field(description="the results, by id")
    remedies: dict[Id, Bilingual] = Field(description="how the diagram and the golden file "
                                          "name what a result offers")


# --- data/local.yml ----------------------------------------------------------------------------

def _one_or_two(value):
    """One text for both languages, or fr: and en: under it."""
    if isinstance(value, str):
        return {"fr": value, "en": value}
    if isinstance(value, dict):
        return value
    raise _err("expected text, or fr: and en: under it, got {got}")


def _phone(value):
    value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(value, str) or not re.fullmatch(r"\d{10,11}(,\d{1,6})?", value):
        raise _err('expected digits only, in quotes, like "5145550123" (an extension after a '
                   'comma: "5145550123,204"), got {got}')
    return value


LocalText = Annotated[Bilingual, BeforeValidator(_one_or_two)]


class Contact(Model):
    """A person or service to talk to, at the school."""
    name: Text = Field(description="the person's or the service's name, as people know it "
                       "(\"Service aux élèves\")")
    role: Optional[LocalText] = Field(None, description="text, or fr: and en:")
    phone: Optional[Annotated[str, BeforeValidator(_phone)]] = Field(
        None, description='digits in quotes, "5145550123"; an extension after a comma')
    hours: Optional[LocalText] = Field(None, description="text, or fr: and en:")
    room: Optional[LocalText] = Field(None, description="text, or fr: and en:")


class LocalFile(Model):
    """data/local.yml"""
    organisation: Optional[LocalText] = Field(None, description="the school's or "
                                              "organisation's name: text, or fr: and en:")
    contacts: Optional[list[Contact]] = Field(None, description="one entry per person or "
                                              "service (none: the site shows nothing local)")

    @model_validator(mode="after")
    def _named(self):
        if self.contacts and self.organisation is None:
            raise _err("'organisation' is required when contacts are listed")
        return self


# --- validation and messages -------------------------------------------------------------------

def validate(doc: Document, model: type[Model]) -> Model:
    """The document against its model; DataError lists each mistake on its own line."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise doc.kind(errors_to_lines(exc, doc, model)) from None


def _walk(model, loc: tuple):
    """What the schema says at `loc` under `model`: (the field there, or None; its type)."""
    info, annotation = None, model
    for part in loc:
        for ann in _members(annotation):
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                if part in ann.model_fields:
                    info = ann.model_fields[part]
                    annotation = info.annotation
                    break
            elif get_origin(ann) is dict and isinstance(part, str):
                info, annotation = None, get_args(ann)[1]
                break
            elif get_origin(ann) is list and isinstance(part, int):
                info, annotation = None, get_args(ann)[0]
                break
        else:
            return None, None
    return info, annotation


def _members(annotation):
    """The types an annotation may be: Optional, Union and Annotated unwrapped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        yield from _members(get_args(annotation)[0])
    elif origin is Union:
        for arg in get_args(annotation):
            yield from _members(arg)
    else:
        yield annotation


def _models(annotation):
    return [m for m in _members(annotation) if isinstance(m, type) and issubclass(m, BaseModel)]


def _siblings(model, loc: tuple) -> list[str]:
    """The keys allowed in the map that holds the last part of `loc`."""
    _, annotation = _walk(model, loc[:-1])
    return list(dict.fromkeys(name for m in _models(annotation) for name in m.model_fields))


_EXPECT = {
    "int_type": "expected a whole number", "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "string_type": "expected text", "date_type": "expected a date written YYYY-MM-DD",
    "date_parsing": "expected a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date written YYYY-MM-DD, without a time",
    "list_type": "expected a list, like [a, b] or one '- item' per line",
    "dict_type": "expected a map (keys on the lines below it)",
    "model_type": "expected a map (keys on the lines below it)",
    "model_attributes_type": "expected a map (keys on the lines below it)",
    "fact_type": f"expected a map with a type: {', '.join(FACT_TYPES)}",
}


def errors_to_lines(exc: ValidationError, doc: Document, model) -> list[str]:
    found = []
    for err in exc.errors():
        loc = tuple(part for part in err["loc"]
                    if not (isinstance(part, str) and part.endswith(_TAG)))
        kind, value = err["type"], err.get("input")
        got = doc.written(loc, value)
        if kind == "fact_type":
            if isinstance(value, dict):
                loc += ("type",)
                got = doc.written(loc, value.get("type"))
                text = f"expected one of {', '.join(FACT_TYPES)}, got {got}"
            else:
                text = f"{_EXPECT[kind]}, got {got}"
        elif kind == "missing":
            info, _ = _walk(model, loc)
            hint = info.description if info else ""
            text = "missing" + (f": {hint}" if hint else "")
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            close = difflib.get_close_matches(key, _siblings(model, loc), n=1)
            text = f"unknown key '{key}'" + (f" (did you mean '{close[0]}'?)" if close else "")
        elif kind == "literal_error":
            text = f"expected {err['ctx']['expected']}, got {got}"
        elif kind == "string_pattern_mismatch":
            if loc and loc[-1] == "[key]":
                loc = loc[:-1]
                what = "dotted lowercase words, like fines.person_min" if doc.hide else \
                    "lowercase words joined by '_', like q_age"
                text = f"a key is {what}"
            else:
                text = f"an id is lowercase words joined by '_' (like q_age), got {got}"
        elif kind == "too_short":
            text = "is empty: give at least one"
        elif kind == "ns":
            text = err["ctx"]["text"].replace("{got}", got)
        elif kind in _EXPECT:
            text = f"{_EXPECT[kind]}, got {got}"
            if kind == "string_type" and not isinstance(value, (list, dict)):
                text += " (YAML reads yes, no, on, off and numbers as values: put text in quotes)"
            elif kind == "int_type" and isinstance(value, str):
                text += " (a number is written without quotes)"
        else:
            text = err["msg"]
        found.append((doc.line(loc), doc.message(loc, text)))
    found.sort(key=lambda item: item[0])
    lines = list(dict.fromkeys(line for _, line in found))
    return lines


FILES = {"data/facts.yml": FactsFile, "data/checker.yml": FlowFile, "data/local.yml": LocalFile}


def field_rows(model, prefix: str = "") -> list[tuple[str, bool, str]]:
    """(key path, required, description) of every field under `model`, for README's lists:
    `sources.ID.kind`, `facts.KEY.checked`, `questions.ID.choices[].next`..."""
    rows: list[tuple[str, bool, str]] = []
    seen: set[str] = set()
    for sub in _models(model) if not (isinstance(model, type) and issubclass(
            model, BaseModel)) else [model]:
        for name, info in sub.model_fields.items():
            path = f"{prefix}{name}"
            if path in seen:
                continue
            seen.add(path)
            annotation = info.annotation
            text = (info.description or "").replace("|", "/")
            nested = _models(annotation)
            if nested == [Bilingual] and "fr: and en:" not in text:
                text += " (fr: and en:)"
            if sub is UI:
                rows.append((f"{prefix}NAME", True, f"one per label ({', '.join(UI_KEYS)}), "
                                                    "fr: and en:"))
                break
            rows.append((path, info.is_required(), text))
            inner = [m for m in _members(annotation) if m is not type(None)]
            for ann in inner:
                origin = get_origin(ann)
                if origin is dict:
                    key = "KEY" if prefix == "" and name == "facts" else "ID"
                    value = get_args(ann)[1]
                    if _models(value) and _models(value) != [Bilingual]:
                        rows += field_rows(value, f"{path}.{key}.")
                    elif _models(value) == [Bilingual]:
                        rows.append((f"{path}.{key}", True, "fr: and en:"))
                elif origin is list and _models(get_args(ann)[0]):
                    rows += field_rows(get_args(ann)[0], f"{path}[].")
                elif isinstance(ann, type) and issubclass(ann, BaseModel) and \
                        ann is not Bilingual:
                    rows += field_rows(ann, f"{path}.")
    return rows


def _type_first(rows):
    """A fact's `type` and `value` first and its `quotes` last, as facts.yml writes them."""
    first = [r for r in rows if r[0] in ("facts.KEY.type", "facts.KEY.value")]
    last = [r for r in rows if r[0].startswith("facts.KEY.quotes")]
    rest = [r for r in rows if r not in first and r not in last]
    at = next((i + 1 for i, r in enumerate(rest) if r[0] == "facts"), len(rest))
    rest = rest[:at] + first + rest[at:]
    end = max((i + 1 for i, r in enumerate(rest) if r[0].startswith("facts.")), default=len(rest))
    return rest[:end] + last + rest[end:]


def fields_markdown() -> str:
    """README's list of every data file's fields, written from the models."""
    out = []
    for name, model in FILES.items():
        out += [f"**`{name}`** ({model.__doc__.strip() if model.__doc__ else ''})".replace(
            f" ({name})", ""), "", "| key | | what it holds |", "|---|---|---|"]
        out += [f"| `{path}` | {'required' if required else 'optional'} | {text} |"
                for path, required, text in _type_first(field_rows(model))]
        out.append("")
    out += ["Fact types (`type:`), and what `value`, `fr` and `en` hold for each:", ""]
    out += [f"- `{kind}`: {what}" for kind, (_, what) in FACT_TYPES.items()]
    return "\n".join(out) + "\n"
