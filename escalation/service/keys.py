"""Application keys of the escalation side."""
from __future__ import annotations

from aiohttp import web

from .auth import LoginThrottle
from .events import EventHub
from .service import EscalationService

SERVICE = web.AppKey("escalation_service", EscalationService)
HUB = web.AppKey("escalation_hub", EventHub)
THROTTLE = web.AppKey("escalation_login_throttle", LoginThrottle)
ADMIN_PASSWORD = web.AppKey("escalation_generated_admin_password", str)
