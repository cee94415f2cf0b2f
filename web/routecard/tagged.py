"""A tagged PDF (fpdf2): headings, paragraphs and real lists in a structure tree.

fpdf2 only tags images (a flat /Document of /Figure elements). Screen readers need the
structure of the text itself, so this module nests structure elements (/L > /LI > /Lbl,
/LBody) and marks every piece of text with its own marked-content id. It relies on fpdf2's
StructureTreeBuilder and StructElem classes (internal API, pinned in requirements.lock).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.prefs import ViewerPreferences
from fpdf.structure_tree import StructElem, StructureTreeBuilder
from fpdf.syntax import PDFObject


class NestedStructureTree(StructureTreeBuilder):
    """Structure tree whose elements can contain elements (fpdf2's own is one level deep)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[StructElem] = [self.doc_struct_elem]
        self.mcids: dict[int, int] = {}

    def open(self, struct_type: str, page: int) -> StructElem:
        parent = self.stack[-1]
        # Containers carry the page they start on: fpdf2 sets /Pg from it for the
        # document's direct children.
        elem = StructElem(struct_type=struct_type, parent=parent, kids=[], page_number=page)
        parent.k.append(elem)
        self.stack.append(elem)
        return elem

    def close(self) -> None:
        self.stack.pop()

    def leaf(self, struct_type: str, page: int, page_obj: PDFObject) -> tuple[int, int]:
        """A text element on `page`; returns (marked-content id, struct parents id)."""
        spid = self.spid_per_page_number.setdefault(page, len(self.spid_per_page_number))
        mcid = self.mcids.get(page, 0)
        self.mcids[page] = mcid + 1
        parent = self.stack[-1]
        elem = StructElem(struct_type=struct_type, parent=parent, kids=[mcid], page_number=page)
        elem.pg = page_obj
        parent.k.append(elem)
        # The parent tree lists, per page, the element of each marked-content id in order.
        self.struct_tree_root.parent_tree.nums[spid].append(elem)
        return mcid, spid

    def next_mcid_for_page(self, page_number: int) -> int:
        return self.mcids.get(page_number, 0)

    def _walk(self, elem: StructElem) -> Iterator[StructElem]:
        for kid in elem.k:
            if isinstance(kid, StructElem):
                yield kid
                yield from self._walk(kid)

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self._walk(self.doc_struct_elem)


class TaggedPDF(FPDF):
    """FPDF that writes every heading, paragraph and list as tagged, left-aligned text."""

    LINE = 5.5

    def __init__(self, title: str, lang: str = "nl") -> None:
        super().__init__(format="A4")
        self.struct_builder = NestedStructureTree()
        self.set_title(title)
        self.set_lang(lang)
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self._set_min_pdf_version("1.5")

    @property
    def tree(self) -> NestedStructureTree:
        return self.struct_builder  # type: ignore[return-value]

    @contextmanager
    def _tag(self, struct_type: str) -> Iterator[None]:
        mcid, spid = self.tree.leaf("/" + struct_type, self.page, self.pages[self.page])
        self.pages[self.page].struct_parents = spid
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        yield
        self._out("EMC")

    @contextmanager
    def group(self, struct_type: str) -> Iterator[None]:
        self.tree.open("/" + struct_type, self.page)
        try:
            yield
        finally:
            self.tree.close()

    def _keep_on_page(self, height: float) -> None:
        # A marked sequence must not cross a page: start a new page before a block that
        # does not fit (blocks on a card are short).
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def _height(self, width: float, text: str) -> float:
        lines = self.multi_cell(width, self.LINE, text, dry_run=True, output="LINES")
        return len(lines) * self.LINE

    def tagged_text(self, struct_type: str, text: str, size: float, style: str = "",
                    gap_before: float = 0.0) -> None:
        self.set_font(self.font_family, style, size)
        self._keep_on_page(gap_before + self._height(self.epw, text))
        self.ln(gap_before)
        with self._tag(struct_type):
            self.multi_cell(self.epw, self.LINE if size <= 12 else size * 0.5, text,
                            align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, level: int = 2) -> None:
        size = {1: 18, 2: 13, 3: 11.5}.get(level, 11)
        self.tagged_text(f"H{level}", text, size, "B", gap_before=4 if level > 1 else 0)

    def para(self, text: str, size: float = 10.5, style: str = "") -> None:
        self.tagged_text("P", text, size, style, gap_before=1)

    def items(self, texts: list[str], numbered: bool = False, size: float = 10.5) -> None:
        """A list (/L) of items (/LI) with a label (/Lbl: bullet or number) and a body."""
        indent = 6.0
        with self.group("L"):
            for number, text in enumerate(texts, 1):
                self.set_font(self.font_family, "", size)
                self._keep_on_page(1 + self._height(self.epw - indent, text))
                self.ln(1)
                with self.group("LI"):
                    top = self.get_y()
                    with self._tag("Lbl"):
                        self.cell(indent, self.LINE, f"{number}." if numbered else "\u2022")
                    self.set_xy(self.l_margin + indent, top)
                    with self._tag("LBody"):
                        self.multi_cell(self.epw - indent, self.LINE, text, align=Align.L,
                                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def tagged_output(self) -> bytes:
        return bytes(self.output())
