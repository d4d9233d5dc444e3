"""Knowing sellers: who is one operator, and how risky each store is.

Plain functions, no database: the services feed them rows and store what they return.

*Networks.* Two sellers belong together when their records share a contact detail (phone,
e-mail, WeChat id, company name, address), compared in a normalised form; the grouping is
transitive (A shares a phone with B, B an e-mail with C: one operator).

*Risk.* A score from 0 to 100 that adds up points per factor, each factor's points capped,
so the page can show every term of the sum.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# --- Contact details ----------------------------------------------------------------------

CONTACT_FIELDS = ("phone", "email", "wechat_id", "company_name", "address")

# Words that say nothing about who a company is (English and Chinese legal forms).
_COMPANY_NOISE = (
    "有限责任公司", "股份有限公司", "有限公司", "公司", "商行", "店",
    "company", "limited", "ltd", "co", "inc", "llc", "corp", "corporation", "trading",
)  # fmt: skip
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def normal_phone(text: str) -> str:
    """Digits only, without the international prefix; +86 138… and 138… are one phone."""
    digits = "".join(ch for ch in _fold(text) if "0" <= ch <= "9")
    digits = digits.removeprefix("00")
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]  # a mainland mobile written with the country code
    return digits if len(digits) >= 7 else ""


def normal_email(text: str) -> str:
    text = _fold(text)
    return text if "@" in text and "." in text.rsplit("@", 1)[-1] else ""


def normal_wechat(text: str) -> str:
    text = _fold(text).removeprefix("wechat:").removeprefix("微信:").strip()
    return text if len(text) >= 4 else ""


def normal_company(text: str) -> str:
    words = [w for w in _NOT_WORD.split(_fold(text)) if w]
    name = "".join(w for w in words if w not in _COMPANY_NOISE)
    for noise in _COMPANY_NOISE:
        if len(noise) > 1 and not noise.isascii():
            name = name.removesuffix(noise)
    return name if len(name) >= 4 else ""


def normal_address(text: str) -> str:
    text = _NOT_WORD.sub("", _fold(text))
    return text if len(text) >= 10 else ""


_NORMALISERS = {
    "phone": normal_phone,
    "email": normal_email,
    "wechat_id": normal_wechat,
    "company_name": normal_company,
    "address": normal_address,
}


def contact_keys(record: Mapping[str, str]) -> set[tuple[str, str]]:
    """The comparable contact details of one seller record: {(field, normal value)}."""
    keys = set()
    for name, normalise in _NORMALISERS.items():
        value = normalise(record.get(name) or "")
        if value:
            keys.add((name, value))
    return keys


def group_by_shared_contacts(
    records: Mapping[int, set[tuple[str, str]]],
) -> list[tuple[frozenset[int], frozenset[str]]]:
    """Connected groups of at least two sellers, with the kinds of detail that joined them.

    ``records`` maps a seller id to its contact keys. Union-find over the keys: every seller
    holding a key is joined with the first seller seen with that key.
    """
    parent: dict[int, int] = {pk: pk for pk in records}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    first_with: dict[tuple[str, str], int] = {}
    shared: dict[tuple[str, str], int] = {}
    for pk in sorted(records):
        for key in records[pk]:
            if key in first_with:
                a, b = root(first_with[key]), root(pk)
                if a != b:
                    parent[max(a, b)] = min(a, b)
                shared[key] = shared.get(key, 1) + 1
            else:
                first_with[key] = pk
    members: dict[int, set[int]] = {}
    for pk in records:
        members.setdefault(root(pk), set()).add(pk)
    groups = []
    for ids in members.values():
        if len(ids) < 2:
            continue
        kinds = {
            name for pk in ids for (name, value) in records[pk] if shared.get((name, value), 1) > 1
        }
        groups.append((frozenset(ids), frozenset(kinds)))
    return sorted(groups, key=lambda group: min(group[0]))


# --- Risk ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Factor:
    """One term of the score: so many points per occurrence, at most ``cap`` in all."""

    code: str
    points_each: int
    cap: int


@dataclass(frozen=True)
class Term:
    code: str
    count: int
    points: int


@dataclass(frozen=True)
class RiskScore:
    terms: tuple[Term, ...]

    @property
    def total(self) -> int:
        return min(100, sum(term.points for term in self.terms))

    def as_json(self) -> list[dict]:
        return [{"code": t.code, "count": t.count, "points": t.points} for t in self.terms]


def score(counts: Mapping[str, int], factors: Iterable[Factor]) -> RiskScore:
    """Points per factor from the seller's counts (a missing count is zero)."""
    terms = []
    for factor in factors:
        count = max(0, int(counts.get(factor.code, 0)))
        terms.append(Term(factor.code, count, min(factor.cap, count * factor.points_each)))
    return RiskScore(tuple(terms))
