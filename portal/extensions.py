"""Extensions created once, bound to an app by `init_app` in `create_app`."""

from __future__ import annotations

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf import CSRFProtect

from portal.database import Database


def _cle_limite() -> str:
    # Counted per app as well as per address: two apps in one process (the tests) never
    # share their counters. The address is only held in memory (or Redis), never logged.
    return f"{id(current_app._get_current_object())}:{get_remote_address()}"


babel = Babel()
csrf = CSRFProtect()
db = Database()
limiter = Limiter(key_func=_cle_limite, default_limits=[])
