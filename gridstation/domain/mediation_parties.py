"""Parties of a mediation case (当事人): natural persons and organisations, any number per side.

Person: name, sex, ethnicity, age, occupation, contact, address, ID number (GB 11643, checked by
``domain.identity``: a bad check digit or an impossible birth date is refused naming the field).
Organisation: name, legal representative, agent, contact, address. The ID number and phone are
personal data: lists and logs show them masked (``PartyInput.masked_*``); only the legal
documents print them in full.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.domain.identity import IdNumber, age_on, mask_id_number, mask_phone, normalise_phone, parse_id_number
from gridstation.domain.mediation import MAX_SHORT, PARTY_KINDS, SEXES, SIDES, check_code, clean_text


@dataclass(frozen=True)
class PartyInput:
    side: str
    kind: str
    name: str
    sex: str = ""
    ethnicity: str = ""
    age: int | None = None
    occupation: str = ""
    phone: str = ""
    address: str = ""
    id_number: str = ""
    legal_rep: str = ""
    agent: str = ""

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""


def clean_party(party: PartyInput, *, today: date) -> PartyInput:
    """The party with every field checked and tidied; raises ``ValidationError`` naming the field.
    Sex and age are taken from a valid 18-digit ID number when left empty; a sex that contradicts
    the number is refused (a 15-digit legacy number is not used for the sex)."""
    check_code(party.side, SIDES, "side")
    check_code(party.kind, PARTY_KINDS, "kind")
    name = clean_text(party.name, "name", MAX_SHORT)
    if not name:
        raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "The party's name is empty."))
    fields = {k: clean_text(getattr(party, k), k, MAX_SHORT)
              for k in ("ethnicity", "occupation", "address", "legal_rep", "agent")}
    phone = _phone(party.phone) if party.phone.strip() else ""
    sex, age = party.sex, party.age
    id_number = ""
    if party.id_number.strip():
        if party.kind != "person":
            raise ValidationError("id_number", QT_TRANSLATE_NOOP(
                "Errors", "An organisation has no resident ID number; record its legal representative instead."))
        parsed = _parse_id(party.id_number, today)
        id_number = parsed.value
        if not parsed.legacy:
            sex = _sex_of(parsed, sex)
        if age is None:
            age = age_on(parsed, today)
    if sex and sex not in SEXES:
        raise ValidationError("sex", QT_TRANSLATE_NOOP("Errors", "Sex must be 男 or 女."))
    if age is not None and not 0 <= age <= 150:
        raise ValidationError("age", QT_TRANSLATE_NOOP("Errors", "The age must be between 0 and 150."))
    if party.kind == "organisation" and not fields["legal_rep"]:
        raise ValidationError("legal_rep", QT_TRANSLATE_NOOP(
            "Errors", "An organisation needs its legal representative (法定代表人)."))
    return replace(party, name=name, phone=phone, sex=sex, age=age, id_number=id_number, **fields)


def _sex_of(parsed: IdNumber, chosen: str) -> str:
    """The sex an 18-digit number gives (its 17th digit: odd 男, even 女); a different one chosen on
    the form is refused rather than silently replaced, since one of the two was mistyped."""
    derived = "M" if parsed.male else "F"
    if chosen and chosen in SEXES and chosen != derived:
        raise ValidationError("sex", QT_TRANSLATE_NOOP(
            "Errors", "The sex (性别) does not match the ID number, whose 17th digit is odd for 男 and even for 女: "
                      "check both."))
    return chosen or derived


def _parse_id(raw: str, today: date) -> IdNumber:
    """``parse_id_number`` with refusals that quote none of the number: the message is also written
    to the log, and the birth-date digits must never reach it (domain.md §8)."""
    try:
        return parse_id_number(raw, today=today)
    except ValidationError as exc:
        if "digits" in exc.params:
            raise ValidationError("id_number", QT_TRANSLATE_NOOP(
                "Errors", "The ID number holds an impossible birth date: check the date digits.")) from None
        raise


def _phone(raw: str) -> str:
    """``normalise_phone`` with a refusal that does not repeat the number (it is logged too)."""
    try:
        return normalise_phone(raw)
    except ValidationError:
        raise ValidationError("phone", QT_TRANSLATE_NOOP(
            "Errors", "This is not a phone number: enter an 11-digit mobile number or a landline with its area "
                      "code.")) from None


def party_line(party: PartyInput, *, masked: bool) -> str:
    """One line describing the party, as printed in party blocks (``masked`` for lists)."""
    id_text = party.masked_id if masked else party.id_number
    phone = party.masked_phone if masked else party.phone
    if party.kind == "organisation":
        bits = [party.name, f"法定代表人：{party.legal_rep}" if party.legal_rep else "",
                f"委托代理人：{party.agent}" if party.agent else "", f"地址：{party.address}" if party.address else "",
                f"联系电话：{phone}" if phone else ""]
    else:
        bits = [party.name, SEXES.get(party.sex, ""), party.ethnicity,
                f"{party.age}岁" if party.age is not None else "", party.occupation,
                f"身份证号：{id_text}" if id_text else "", f"住址：{party.address}" if party.address else "",
                f"联系电话：{phone}" if phone else ""]
    return "，".join(b for b in bits if b)
