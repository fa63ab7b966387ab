"""QR codes decoded by real decoders (zxing-cpp for PNG, zbar for SVG), printable at 2 cm."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import zxingcpp
from PIL import Image

from portal.courriers.qr import courrier_url, measure, qr_png, qr_svg
from portal.courriers.signature import Parametres

CLE = "une-cle-de-test-" + "k" * 32
BASE = "https://bonneporte.eure.fr"  # a realistic public address, longer than the tests'


def zbar(path: Path) -> str:
    """Debian's zbarimg renders the SVG (through ImageMagick) and decodes it."""
    sortie = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, check=True
    )
    return sortie.stdout.strip()


def zxing(png: bytes) -> zxingcpp.Barcode:
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(codes) == 1
    return codes[0]


def _url(lieu: str | None = "msd-evreux") -> str:
    parametres = Parametres(echeance=date(2026, 12, 15), lieu=lieu)
    return courrier_url(base_url=BASE, code="RSA-CTRL", parametres=parametres, keys=[CLE])


def test_the_address_holds_the_code_and_signed_details_only() -> None:
    url = _url()
    assert re.fullmatch(
        r"HTTPS://BONNEPORTE\.EURE\.FR/C/RSA-CTRL\?e=2026-12-15&l=msd-evreux&s=[\w-]{22}", url
    ), url
    sans = courrier_url(base_url=BASE + "/", code="APA-PLAN", parametres=Parametres(), keys=[CLE])
    assert sans == "HTTPS://BONNEPORTE.EURE.FR/C/APA-PLAN"
    # A path in the public address is case-sensitive: it is kept as written.
    sous = courrier_url(base_url="https://eure.fr/Bonne-Porte", code="APA-PLAN",
                        parametres=Parametres(), keys=[CLE])  # fmt: skip
    assert sous == "HTTPS://EURE.FR/Bonne-Porte/C/APA-PLAN"


def test_png_decodes_with_error_correction_m_and_prints_at_2_cm() -> None:
    url = _url()
    png = qr_png(url)
    code = zxing(png)
    assert code.text == url
    assert code.format == zxingcpp.BarcodeFormat.QRCode
    assert code.ec_level == "M"
    image = Image.open(io.BytesIO(png))
    largeur_mm = image.size[0] / image.info["dpi"][0] * 25.4
    assert abs(largeur_mm - 20) < 0.1


def test_png_keeps_a_quiet_zone_of_four_modules() -> None:
    url = _url()
    mesure = measure(url)
    image = Image.open(io.BytesIO(qr_png(url))).convert("L")
    module_px = image.size[0] // mesure.modules
    marge = 4 * module_px
    bord = image.crop((0, 0, image.size[0], marge))
    assert bord.getextrema() == (255, 255)  # white all along the top band
    assert image.crop((marge, marge, marge + module_px, marge + module_px)).getextrema()[0] == 0


def test_svg_decodes_and_declares_its_printed_size(tmp_path: Path) -> None:
    url = _url()
    svg = qr_svg(url)
    assert b'width="20mm"' in svg and b'height="20mm"' in svg
    assert b'fill="white"' in svg  # a white background, for coloured paper
    # ImageMagick renders an SVG at 90 dpi: 20 mm is 71 pixels, under 2 per module. The
    # same vector drawing declared at 100 mm is rendered large enough for the decoder.
    chemin = tmp_path / "qr.svg"
    chemin.write_bytes(qr_svg(url, taille_mm=100))
    assert zbar(chemin) == url
    assert qr_svg(url, taille_mm=100).replace(b'"100mm"', b'"20mm"') == svg


def test_the_longest_address_still_prints_at_2_cm() -> None:
    """Longest code, longest place id, a deadline: modules of 0.4 mm at least at 20 mm."""
    from tests.conftest import CONTENT_DIR

    lieux = sorted((p.stem for p in (CONTENT_DIR / "lieux").glob("*.yml")), key=len)
    codes = sorted((p.stem.upper() for p in (CONTENT_DIR / "courriers").glob("*.yml")), key=len)
    url = courrier_url(
        base_url=BASE,
        code=codes[-1],
        parametres=Parametres(echeance=date(2026, 12, 15), lieu=lieux[-1]),
        keys=[CLE],
    )
    mesure = measure(url)
    assert mesure.version <= 6, (url, mesure)
    assert mesure.module_mm >= 0.4, (url, mesure)
    assert zxing(qr_png(url)).text == url
