"""QR codes for the print teams: the page's address, nothing else, printable at 2 cm.

Error correction M (15 % of the code can be dirty or folded), the 4-module quiet zone kept.
The SVG is vector (for print) and declares its printed size in millimetres; the PNG carries
the DPI that gives the same size, so a word processor inserts it at 2 cm.

The scheme, host and `/C/` are written in capitals: a QR code stores capitals and digits in
"alphanumeric" mode, 5.5 bits a character instead of 8, which keeps the longest address
(longest code, longest place id, a deadline) at version 6: modules of 0.41 mm at 2 cm.
Scheme and host ignore case; `/C/<code>` is the same page as `/c/<code>`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage
from qrcode.image.svg import SvgPathFillImage

from portal.courriers.signature import Parametres, sign_parametres

TAILLE_MM = 20  # the smallest size the letters print
MARGE_MODULES = 4  # the quiet zone the standard asks for
PIXELS_PAR_MODULE = 10
MM_PAR_POUCE = 25.4


@dataclass(frozen=True)
class Mesure:
    version: int
    modules: int  # width in modules, quiet zone included
    module_mm: float  # printed width of one module at the given size


def courrier_url(
    *, base_url: str, code: str, parametres: Parametres, keys: list[str]
) -> str:
    query = sign_parametres(code, parametres, keys=keys)
    base = urlsplit(base_url.rstrip("/"))
    # Only what ignores case is put in capitals; a path in the base address is kept as is.
    url = f"{base.scheme.upper()}://{base.netloc.upper()}{base.path}/C/{code}"
    return f"{url}?{urlencode(query)}" if query else url


def _qr(url: str, box_size: int = PIXELS_PAR_MODULE) -> qrcode.QRCode:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=MARGE_MODULES,
        box_size=box_size,
    )
    code.add_data(url)
    code.make(fit=True)
    return code


def measure(url: str, *, taille_mm: float = TAILLE_MM) -> Mesure:
    code = _qr(url)
    modules = code.modules_count + 2 * MARGE_MODULES
    return Mesure(version=code.version, modules=modules, module_mm=round(taille_mm / modules, 3))


def qr_svg(url: str, *, taille_mm: float = TAILLE_MM) -> bytes:
    image = _qr(url).make_image(image_factory=SvgPathFillImage)
    # The viewBox counts modules; width and height say how big to print it.
    image._img.set("width", f"{taille_mm}mm")
    image._img.set("height", f"{taille_mm}mm")
    return image.to_string(encoding="utf-8", xml_declaration=True)


def qr_png(url: str, *, taille_mm: float = TAILLE_MM) -> bytes:
    image = _qr(url).make_image(image_factory=PilImage)
    dpi = round(image.pixel_size / (taille_mm / MM_PAR_POUCE))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
