"""The mediation agreement (调解协议书, law arts. 28–29): content, its fingerprint, the signature
gate, and the QR code printed on it.

The agreement takes effect only when it states the manner and deadline of performance, every
party has signed (or sealed, or put a fingerprint), the mediator has signed and the committee's
seal is affixed (``check_effective``). The printed
agreement carries a QR code ``GSMED1|<case number>|<sha256>``; the hash covers the canonical JSON
of what the parties sign (parties, facts, clauses, performance, copies), so a printout whose
text was altered, or a record changed after printing, no longer matches (``check_code``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.domain.mediation import check_performance_terms, copies_for
from gridstation.domain.mediation_parties import PartyInput

QR_PREFIX = "GSMED1"


@dataclass(frozen=True)
class AgreementContent:
    case_no: str
    parties: tuple[PartyInput, ...]
    facts: str
    disputed: str
    responsibilities: str
    clauses: tuple[str, ...]
    performance_manner: str
    performance_deadline: str  # ISO date or ""

    @property
    def copies(self) -> int:
        return copies_for(len(self.parties))

    def canonical(self) -> str:
        body = {
            "case_no": self.case_no,
            "parties": [[p.side, p.kind, p.name, p.id_number, p.legal_rep] for p in self.parties],
            "facts": self.facts, "disputed": self.disputed, "responsibilities": self.responsibilities,
            "clauses": list(self.clauses), "performance_manner": self.performance_manner,
            "performance_deadline": self.performance_deadline, "copies": self.copies,
        }
        return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()


def qr_payload(content: AgreementContent) -> str:
    return f"{QR_PREFIX}|{content.case_no}|{content.sha256()}"


@dataclass(frozen=True)
class ScannedCode:
    case_no: str
    sha256: str


def parse_qr(text: str) -> ScannedCode:
    """A scanned or typed QR text; blanks around the parts (a scanner's line end) are ignored."""
    parts = [p.strip() for p in text.strip().split("|")]
    if len(parts) != 3 or parts[0] != QR_PREFIX or len(parts[2]) != 64 or \
            any(c not in "0123456789abcdef" for c in parts[2].lower()):
        raise ValidationError("qr", QT_TRANSLATE_NOOP("Errors", "This is not the code of a GridStation mediation "
                                                                "agreement."))
    return ScannedCode(case_no=parts[1], sha256=parts[2].lower())


def check_code(scanned: ScannedCode, content: AgreementContent) -> bool:
    """True when the scanned code belongs to this agreement as recorded now."""
    return scanned.case_no == content.case_no and scanned.sha256 == content.sha256()


@dataclass(frozen=True)
class Signatures:
    party_ids: tuple[str, ...]  # every party of the case
    signed_party_ids: frozenset[str]
    mediator_signed: bool
    seal_affixed: bool


def missing_signatures(sig: Signatures, names: dict[str, str]) -> list[str]:
    """Who or what is still missing, in the users' language (for the message and the screen)."""
    missing = [names.get(pid, pid) for pid in sig.party_ids if pid not in sig.signed_party_ids]
    if not sig.mediator_signed:
        missing.append("调解员签名")
    if not sig.seal_affixed:
        missing.append("人民调解委员会印章")
    return missing


def check_effective(sig: Signatures, names: dict[str, str], clauses: Sequence[str], *, performance_manner: str,
                    performance_deadline: date | None) -> None:
    """The gate of law art. 29: refuse to mark the agreement effective while anything is missing —
    a clause, the manner and deadline of performance (``check_performance_terms``), a signature."""
    if not clauses:
        raise ValidationError("clauses", QT_TRANSLATE_NOOP("Errors", "The agreement has no clause."))
    check_performance_terms(performance_manner, performance_deadline)
    if not sig.party_ids:
        raise ValidationError("parties", QT_TRANSLATE_NOOP("Errors", "The agreement has no party."))
    missing = missing_signatures(sig, names)
    if missing:
        raise ValidationError(
            "signatures",
            QT_TRANSLATE_NOOP("Errors", "The agreement cannot take effect yet; still missing: {missing}."),
            missing="、".join(missing),
        )
