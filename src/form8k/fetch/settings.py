"""Where EDGAR is and how politely to ask it: base URLs, User-Agent, rate, retries.

Every value has a default that suits the real EDGAR; the base URLs and the
User-Agent can also come from the environment, so tests and mirrors can point
form8k elsewhere:

    FORM8K_EDGAR_URL    https://www.sec.gov    archives, full-index, company_tickers.json
    FORM8K_DATA_URL     https://data.sec.gov   submissions JSON
    FORM8K_USER_AGENT   (none)                 "Name e-mail", required by EDGAR
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from form8k.errors import UserAgentError

EDGAR_URL = "https://www.sec.gov"
DATA_URL = "https://data.sec.gov"
#: EDGAR's published ceiling for one user, in requests per second.
MAX_RATE = 10.0

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")

USER_AGENT_HELP = (
    "EDGAR requires a User-Agent naming you and giving an e-mail address, "
    "e.g. --user-agent 'Jane Analyst jane@example.com' or "
    "FORM8K_USER_AGENT='Jane Analyst jane@example.com'"
)


def check_user_agent(user_agent: str | None) -> str:
    """Return the User-Agent stripped, or raise UserAgentError if it names no one.

    >>> check_user_agent("  Jane Analyst jane@example.com ")
    'Jane Analyst jane@example.com'
    """
    text = (user_agent or "").strip()
    if not text:
        raise UserAgentError(f"no User-Agent given. {USER_AGENT_HELP}")
    email = _EMAIL.search(text)
    if email is None:
        raise UserAgentError(f"the User-Agent {text!r} has no e-mail address. {USER_AGENT_HELP}")
    name = (text[: email.start()] + text[email.end():]).strip(" <>()[],;")
    if not re.search(r"[A-Za-z]", name):
        raise UserAgentError(f"the User-Agent {text!r} names no one besides the e-mail. {USER_AGENT_HELP}")
    return text


@dataclass(frozen=True)
class Settings:
    """How to reach EDGAR. `rate` above MAX_RATE is for local mirrors and tests only."""

    user_agent: str
    edgar_url: str = EDGAR_URL
    data_url: str = DATA_URL
    rate: float = MAX_RATE
    retries: int = 5
    backoff: float = 1.0
    max_backoff: float = 60.0
    timeout: float = 30.0
    #: the most bytes one body may hold once decompressed (a filing, an index, a JSON document); 0: no cap
    max_bytes: int = 100 * 2**20

    def __post_init__(self) -> None:
        object.__setattr__(self, "user_agent", check_user_agent(self.user_agent))
        object.__setattr__(self, "edgar_url", self.edgar_url.rstrip("/"))
        object.__setattr__(self, "data_url", self.data_url.rstrip("/"))
        if self.rate <= 0:
            raise ValueError("rate must be positive")

    @classmethod
    def from_env(cls, user_agent: str | None = None, **overrides: Any) -> Settings:
        """Settings from arguments, then FORM8K_* environment variables, then defaults.

        Raises UserAgentError when neither `user_agent` nor FORM8K_USER_AGENT names the user.
        """
        env = os.environ
        return cls(
            user_agent=user_agent or env.get("FORM8K_USER_AGENT", ""),
            edgar_url=overrides.pop("edgar_url", None) or env.get("FORM8K_EDGAR_URL") or EDGAR_URL,
            data_url=overrides.pop("data_url", None) or env.get("FORM8K_DATA_URL") or DATA_URL,
            **overrides,
        )
