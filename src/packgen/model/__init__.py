"""The immutable model every stage shares: content, packs, project data and the tailored pack.

Loaders build these objects, ``tailor`` derives a ``TailoredPack`` from them with
``dataclasses.replace``, and builders only read them. Nothing here does I/O or imports a
parsing or rendering library.
"""

from packgen.model.content import (
    EMPTY,
    Activity,
    Block,
    Columns,
    Conditional,
    EasyReadRow,
    Image,
    ListBlock,
    ListItem,
    Loc,
    Material,
    Module,
    Paragraph,
    Quote,
    Slide,
    SpacesDiagram,
    Span,
    Table,
    Text,
    Tip,
    plain,
)
from packgen.model.project import (
    Audience,
    Break,
    Config,
    Credit,
    GlossaryEntry,
    Pack,
    Project,
    Space,
    Theme,
)
from packgen.model.tailored import (
    TailoredPack,
    Timetable,
    TimetableEntry,
)

__all__ = [
    "Activity",
    "Audience",
    "Block",
    "Break",
    "Columns",
    "Conditional",
    "Config",
    "Credit",
    "EMPTY",
    "EasyReadRow",
    "GlossaryEntry",
    "Image",
    "ListBlock",
    "ListItem",
    "Loc",
    "Material",
    "Module",
    "Pack",
    "Paragraph",
    "Project",
    "Quote",
    "Slide",
    "Space",
    "SpacesDiagram",
    "Span",
    "Table",
    "TailoredPack",
    "Text",
    "Theme",
    "Timetable",
    "TimetableEntry",
    "Tip",
    "plain",
]
