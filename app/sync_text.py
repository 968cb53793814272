"""Words the sync page, the receipt and the CLI share: what an entity is called and what a refusal means.

The server answers with protocol codes (``version_conflict``…) and English reasons meant for developers; an officer
needs to read what happened and what to do. Kept Qt-free (``QT_TRANSLATE_NOOP``, context ``SyncText``) so the CLI
prints the same sentences as the page; :class:`Text` marks a value that is itself to be translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from app.i18n import QT_TRANSLATE_NOOP

CONTEXT: Final = "SyncText"

Translate = Callable[[str, str], str]
"""``translate(context, source)``: QCoreApplication.translate in the GUI, the CLI context's translate there."""


@dataclass(frozen=True)
class Text:
    """A translatable source string used as a parameter of another message."""

    source: str
    context: str = CONTEXT


Line = tuple[str, Mapping[str, object]]
"""A message template (context ``Sync``) and its parameters; :class:`Text` parameters are translated too."""


def translated(value: object, translate: Translate) -> object:
    """``value`` translated if it is a :class:`Text`, else as it is."""
    return translate(value.context, value.source) if isinstance(value, Text) else value


def render(lines: Sequence[Line], translate: Translate) -> list[str]:
    """Translate and fill in each line."""
    return [
        translate("Sync", template).format(**{name: translated(value, translate) for name, value in params.items()})
        for template, params in lines
    ]


ENTITIES: Final[dict[str, str]] = {
    "operator": QT_TRANSLATE_NOOP("SyncText", "operator"),
    "operator_proposal": QT_TRANSLATE_NOOP("SyncText", "registry correction proposal"),
    "carrier": QT_TRANSLATE_NOOP("SyncText", "online carrier"),
    "license": QT_TRANSLATE_NOOP("SyncText", "licence"),
    "inspection": QT_TRANSLATE_NOOP("SyncText", "inspection record"),
    "evidence": QT_TRANSLATE_NOOP("SyncText", "evidence"),
}

CODES: Final[dict[str, str]] = {
    "invalid_data": QT_TRANSLATE_NOOP("SyncText", "the data does not fit what the server expects"),
    "unsupported": QT_TRANSLATE_NOOP("SyncText", "the server does not accept this kind of change"),
    "not_found": QT_TRANSLATE_NOOP("SyncText", "the record is not (or no longer) in this station's data"),
    "id_conflict": QT_TRANSLATE_NOOP("SyncText", "another station's record has the same id"),
    "province_owned": QT_TRANSLATE_NOOP(
        "SyncText", "these fields belong to the province: change them through a correction proposal"
    ),
    "version_conflict": QT_TRANSLATE_NOOP("SyncText", "someone else changed the record in the meantime"),
    "finalized": QT_TRANSLATE_NOOP("SyncText", "the inspection record is finalized: correct it with an amendment"),
    "immutable": QT_TRANSLATE_NOOP("SyncText", "stored evidence cannot be changed: add new evidence instead"),
    "blob_missing": QT_TRANSLATE_NOOP("SyncText", "the evidence file did not reach the server"),
    "validation": QT_TRANSLATE_NOOP("SyncText", "a value fails a rule (code, phone or ICP number)"),
    "seq_out_of_order": QT_TRANSLATE_NOOP("SyncText", "the change arrived out of order"),
    "declined": QT_TRANSLATE_NOOP("SyncText", "the province rejected the proposal"),
    "stale": QT_TRANSLATE_NOOP(
        "SyncText", "the province changed this operator after the proposal was made; it will not be accepted as is"
    ),
    "file_missing": QT_TRANSLATE_NOOP("SyncText", "the evidence file is missing on this computer"),
}
UNKNOWN_CODE: Final = QT_TRANSLATE_NOOP("SyncText", "refused by the server")


def entity_text(entity: str) -> Text | str:
    """The entity's name to translate (unknown entities of a newer server are shown as they are)."""
    return Text(ENTITIES[entity]) if entity in ENTITIES else entity


def code_text(code: str) -> Text:
    """What a refusal code means for the officer."""
    return Text(CODES.get(code, UNKNOWN_CODE))
