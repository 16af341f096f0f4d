"""Convert documents with LibreOffice the way the tests need: own profile, packgen's fonts."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from packgen.paths import packaged_templates


def soffice() -> str:
    """Return the soffice command; skip the test where it is missing, fail where CI needs it."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("PACKGEN_REQUIRE_SOFFICE"):
            pytest.fail("soffice is required (PACKGEN_REQUIRE_SOFFICE is set) but missing")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert(document: Path, out_dir: Path, fmt: str = "pdf") -> Path:
    """Return ``document`` converted into ``out_dir``.

    Each call uses a LibreOffice profile of its own (parallel workers never share one) and a
    fontconfig that adds packgen's shipped fonts, so layout matches on any machine.
    """
    command = soffice()
    scratch = Path(tempfile.mkdtemp(prefix="packgen-lo-"))
    try:
        env = {**os.environ, "HOME": str(scratch), "FONTCONFIG_FILE": str(_fonts_conf(scratch))}
        subprocess.run([command, f"-env:UserInstallation={(scratch / 'profile').as_uri()}",
                        "--headless", "--convert-to", fmt, "--outdir", str(out_dir),
                        str(document)], check=True, capture_output=True, timeout=240, env=env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out_dir / f"{document.stem}.{fmt}"


def _fonts_conf(scratch: Path) -> Path:
    conf = scratch / f"fonts-{uuid.uuid4().hex[:6]}.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{packaged_templates() / 'fonts'}</dir>\n"
        f"  <cachedir>{scratch / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return conf
