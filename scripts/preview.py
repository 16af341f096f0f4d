"""Render every built deck, guide and handout to PNG pages for a look before printing.

Run by ``make preview`` after ``make build``. Writes
``build/previews/<pack>/<file>-<format>-N.png``, one picture a page.
LibreOffice converts the .pptx and .docx files with the fonts shipped in packgen, so the
pictures show what the files look like on a machine that has them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from packgen.paths import packaged_templates

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Render each output of each pack in build/ and print where the pictures are."""
    build = ROOT / "build"
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"preview needs {' and '.join(missing)} (apt-get install libreoffice-impress "
              "libreoffice-writer poppler-utils)", file=sys.stderr)
        return 1
    for pack in sorted(p for p in build.iterdir() if (p / "manifest.json").is_file()):
        out = build / "previews" / pack.name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        for document in sorted(pack.glob("*.p*")) + sorted(pack.glob("*.docx")):
            pdf = document if document.suffix == ".pdf" else _to_pdf(document, out)
            prefix = out / document.name.replace(".", "-")
            subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(prefix)], check=True)
        print(f"{pack.name}: {len(list(out.glob('*.png')))} pages in {out}")
    return 0


def _to_pdf(document: Path, out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="packgen-preview-") as scratch:
        conf = Path(scratch) / "fonts.conf"
        conf.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f"<dir>{packaged_templates() / 'fonts'}</dir>\n<dir>{ROOT / 'templates' / 'fonts'}"
            "</dir>\n</fontconfig>\n", encoding="utf-8")
        env = {**os.environ, "HOME": scratch, "FONTCONFIG_FILE": str(conf)}
        subprocess.run(["soffice", f"-env:UserInstallation={Path(scratch).as_uri()}/profile",
                        "--headless", "--convert-to", "pdf", "--outdir", scratch, str(document)],
                       check=True, capture_output=True, env=env, timeout=300)
        target = out / f"{document.stem}.{document.suffix[1:]}.pdf"
        shutil.move(Path(scratch) / f"{document.stem}.pdf", target)
    return target


if __name__ == "__main__":
    sys.exit(main())
