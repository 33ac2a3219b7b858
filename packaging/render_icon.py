"""Renders resources/icons/factdesk.svg to the PNG sizes the installer and the window use.

Run once after editing the SVG:  python packaging/render_icon.py
(needs PySide6, which Factdesk already depends on; the PNGs are committed).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (256,)


def main() -> int:
    """Write factdesk.png (256 x 256 pixels, transparent corners) beside the SVG."""
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "factdesk.svg"))
    if not renderer.isValid():
        print("render_icon: factdesk.svg is not a valid SVG", file=sys.stderr)
        return 2
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / "factdesk.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
