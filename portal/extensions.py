"""Extensions created once, bound to an app by `init_app` in `create_app`."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf import CSRFProtect

from portal.database import Database

babel = Babel()
csrf = CSRFProtect()
db = Database()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
